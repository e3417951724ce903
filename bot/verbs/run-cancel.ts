import { defineVerb } from './verb.js';
import { loadRun, requireRequester, runActionData, runCard } from './run-card.js';

export const runCancelVerb = defineVerb({
  verb: 'run.cancel',
  data: runActionData,
  async run({ runId }, { services, actor }) {
    requireRequester(await loadRun(runId, services), actor, 'cancel');
    return runCard(await services.runs.cancel(runId, actor), services);
  },
});
