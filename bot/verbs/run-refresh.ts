import { defineVerb } from './verb.js';
import { runActionData, runCard } from './run-card.js';

export const runRefreshVerb = defineVerb({
  verb: 'run.refresh',
  role: 'reader',
  data: runActionData,
  async run({ runId }, { services, access }) {
    return runCard(await services.runs.requireRun(runId), services, access);
  },
});
