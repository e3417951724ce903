import { runActionData, runCard } from '../replies/run-card.js';
import { defineVerb } from './verb.js';

/** The Show button on a row of the runs list: the run's card as a new message; the list stays for the next row. */
export const runShowVerb = defineVerb({
  verb: 'run.show',
  button: 'the Show button of the runs list',
  role: 'reader',
  data: runActionData,
  answersBeside: { note: 'Showing the run below the list…' },
  async run({ runId }, { services, access }) {
    return runCard(await services.runs.requireRun(runId), services, access);
  },
});
