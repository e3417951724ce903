import { defineVerb } from './verb.js';
import { requireRequester, runActionData, runCard } from '../replies/run-card.js';

export const runRetryVerb = defineVerb({
  verb: 'run.retry',
  button: 'the Retry button',
  role: 'operator',
  data: runActionData,
  async run({ runId }, { services, actor, access }) {
    requireRequester(await services.runs.requireRun(runId), access, 'retry');
    return runCard(await services.runs.retry(runId, actor), services, access);
  },
});
