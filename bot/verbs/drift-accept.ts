import { DRIFT_ACCEPT_PLANNER } from '../../core/drift/plans/drift-baseline-planner.js';
import { driftActionData, requestDriftChange } from './drift-verb-request.js';
import { defineVerb } from './verb.js';

export const driftAcceptVerb = defineVerb({
  verb: 'drift.accept',
  button: 'the Accept as baseline button',
  role: 'operator',
  data: driftActionData,
  run: ({ episodeId }, context) => requestDriftChange(episodeId, DRIFT_ACCEPT_PLANNER, 'accept-requested', context),
});
