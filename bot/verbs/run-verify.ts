import { UserFacingError } from '../../core/user-facing-error.js';
import { defineVerb } from './verb.js';
import { runActionData, runCard } from '../replies/run-card.js';

export const runVerifyVerb = defineVerb({
  verb: 'run.verify',
  button: 'the Verify button',
  role: 'operator',
  data: runActionData,
  async run({ runId }, { services, actor, access }) {
    await services.runs.requireRun(runId);
    if (actor.aadObjectId === undefined) {
      throw new UserFacingError(
        'Who are you?',
        'Your message did not carry an Azure AD identity.',
        'Use AttachOps from Microsoft Teams with your work account.',
      );
    }
    return runCard(await services.runs.verify(runId, actor), services, access);
  },
});
