import { DRIFT_REVERT_PLANNER } from '../../core/drift/plans/drift-revert-planner.js';
import { driftActionData, requestDriftChange } from './drift-verb-request.js';
import { defineVerb } from './verb.js';

/** A deleted policy's card: the revert planner plans a recreate when it finds the policy gone. */
export const driftRecreateVerb = defineVerb({
  verb: 'drift.recreate',
  button: 'the Recreate button',
  role: 'operator',
  data: driftActionData,
  run: ({ episodeId }, context) => requestDriftChange(episodeId, DRIFT_REVERT_PLANNER, 'revert-requested', context),
});
