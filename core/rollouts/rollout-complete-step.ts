import { defineStepKind, type StepHandler } from '../runs/step-handler.js';
import { ringAssignedEvent } from './ring-assigned-event.js';
import { devicesWords, ringOf, ROLLOUT_COMPLETE } from './rollout-steps.js';

/**
 * The last ring has no gate after it, so this step, right after its assign step, records that it was assigned
 * (`rollout.ring-assigned`, stored with the step's transition: a restart performs it once, never twice).
 */
export function rolloutCompleteStep(): StepHandler {
  return defineStepKind({
    kind: ROLLOUT_COMPLETE,
    changesTenant: false,
    check: () => Promise.resolve({ done: false }),
    perform(step, context) {
      const ring = ringOf(step.input);
      if (ring === undefined) throw new Error(`rollout-complete step ${step.id} carries no ring`);
      return Promise.resolve({
        kind: 'done',
        message: `Ring ${ring.name} assigned (${devicesWords(ring.devices)}): every ring of the rollout is assigned.`,
        events: [ringAssignedEvent(context.actor, ring)],
      });
    },
  });
}
