import { defineVerb } from './verb.js';
import { runActionData, runCard } from '../replies/run-card.js';

export const runRefreshVerb = defineVerb({
  verb: 'run.refresh',
  button: "a run's Refresh or Show button",
  role: 'reader',
  data: runActionData,
  async run({ runId }, { services, actor, access }) {
    await services.runs.requireRun(runId);
    await services.runs.refresh(runId, actor);
    return runCard(await services.runs.requireRun(runId), services, access);
  },
});
