import { defineVerb } from './verb.js';
import { requireRequester, runActionData, runCard } from '../replies/run-card.js';

export const runCancelVerb = defineVerb({
  verb: 'run.cancel',
  button: "a run's Cancel button",
  role: 'operator',
  data: runActionData,
  async run({ runId }, { services, actor, access }) {
    requireRequester(await services.runs.requireRun(runId), access, 'cancel');
    return runCard(await services.runs.cancel(runId, actor), services, access);
  },
});
