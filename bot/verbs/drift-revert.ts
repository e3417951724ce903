import { DRIFT_REVERT_PLANNER } from '../../core/drift/plans/drift-revert-planner.js';
import { driftActionData, requestDriftChange } from './drift-verb-request.js';
import { defineVerb } from './verb.js';

export const driftRevertVerb = defineVerb({
  verb: 'drift.revert',
  button: 'the Revert to baseline button',
  role: 'operator',
  data: driftActionData,
  run: ({ episodeId }, context) => requestDriftChange(episodeId, DRIFT_REVERT_PLANNER, 'revert-requested', context),
});
