import { defineVerb } from './verb.js';
import { loadRun, requireRequester, runActionData, runCard } from './run-card.js';

export const runCancelVerb = defineVerb({
  verb: 'run.cancel',
  role: 'operator',
  data: runActionData,
  async run({ runId }, { services, actor, access }) {
    requireRequester(await loadRun(runId, services), access, 'cancel');
    return runCard(await services.runs.cancel(runId, actor), services, access);
  },
});
