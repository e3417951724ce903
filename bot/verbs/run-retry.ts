import { defineVerb } from './verb.js';
import { loadRun, requireRequester, runActionData, runCard } from './run-card.js';

export const runRetryVerb = defineVerb({
  verb: 'run.retry',
  role: 'operator',
  data: runActionData,
  async run({ runId }, { services, actor, access }) {
    requireRequester(await loadRun(runId, services), access, 'retry');
    return runCard(await services.runs.retry(runId, actor), services, access);
  },
});
