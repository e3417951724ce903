import { defineVerb } from './verb.js';
import { loadRun, requireRequester, runActionData, runCard } from './run-card.js';

export const runRetryVerb = defineVerb({
  verb: 'run.retry',
  data: runActionData,
  async run({ runId }, { services, actor }) {
    requireRequester(await loadRun(runId, services), actor, 'retry');
    return runCard(await services.runs.retry(runId, actor), services);
  },
});
