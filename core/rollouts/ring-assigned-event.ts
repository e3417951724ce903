import type { Actor } from '../actor.js';
import type { RunAuditEvent } from '../runs/run-audit-outbox.js';
import type { RingInfo } from './rollout-steps.js';

/** `rollout.ring-assigned`: one per ring, from the step right after its assign step (the gate, or the last ring's close). */
export function ringAssignedEvent(actor: Actor, ring: RingInfo): RunAuditEvent {
  return {
    actor,
    action: 'rollout.ring-assigned',
    details: {
      ringIndex: ring.index,
      ring: ring.name,
      of: ring.of,
      ...(ring.devices === undefined ? {} : { devices: ring.devices }),
    },
  };
}
