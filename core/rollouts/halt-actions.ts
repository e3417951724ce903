import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { ChangePlan } from '../approvals/change-plan.js';
import type { AssignServices } from '../policies/policy-assign-planner.js';
import { parseAssignInput, POLICY_STEP_KINDS } from '../policies/policy-step-kinds.js';
import { createPolicyUnassignPlanner } from '../policies/policy-unassign-planner.js';
import type { AssignmentTarget } from '../policy/assignment-target.js';
import { APPROVAL_STEP } from '../approvals/approval-records.js';
import type { RunRecord } from '../runs/run-record.js';
import { UserFacingError } from '../user-facing-error.js';
import { rolloutIntentSchema } from './rollout-intent.js';
import { createRolloutPlanner } from './rollout-planner.js';
import { type RingStatus, rolloutTimeline } from './rollout-timeline.js';

/**
 * Roll back this ring: a plan (approved like any change) that takes the policy off exactly the targets the halted
 * ring added. It is `unassign`'s plan, so every other assignment is sent back exactly as read, filters included.
 */
export async function planRingRollback(services: AssignServices, run: RunRecord, now: Date): Promise<ChangePlan> {
  const ring = haltedRing(run, now);
  const assign = run.steps.filter((step) => step.kind === POLICY_STEP_KINDS.assign)[ring.index];
  if (!assign) throw new Error(`rollout ${run.id} has no assign step for ring ${ring.index}`);
  const { policyId, targets } = parseAssignInput(assign.input);
  return createPolicyUnassignPlanner(services).plan({ policy: policyId, from: targets.map(targetId) });
}

/**
 * Advance anyway: a new rollout of the rings after the halted one, with the same gate, soak, mode and filter,
 * planned and approved like the first (so the next ring is assigned only after someone other than the requester
 * approves it, and the rings after it are gated as before).
 */
export async function planAdvanceAnyway(
  services: AssignServices,
  run: RunRecord,
  readApproval: (id: string) => Promise<ApprovalRecord>,
  now: Date,
): Promise<ChangePlan> {
  const ring = haltedRing(run, now);
  const approvalId = run.steps.find((step) => step.kind === APPROVAL_STEP)?.input.approvalId;
  if (typeof approvalId !== 'string') throw new Error(`rollout ${run.id} has no approval step`);
  const intent = rolloutIntentSchema.parse((await readApproval(approvalId)).plan.intent);
  const rest = intent.rings.slice(ring.index + 1);
  if (rest.length === 0) {
    throw new UserFacingError(
      'No ring after this one',
      `Ring ${ring.name} was the last gated ring; nothing is left to advance to.`,
      'Roll back the ring, or leave it as it is.',
    );
  }
  return createRolloutPlanner(services).plan({ ...intent, rings: rest });
}

export function haltedRing(run: RunRecord, now: Date): RingStatus {
  const ring = rolloutTimeline(run, now).halted;
  if (!ring) {
    throw new UserFacingError(
      'That rollout did not halt',
      `Rollout ${run.id} did not stop on a failed gate.`,
      'Type rollouts to see where it stands.',
    );
  }
  return ring;
}

/** How `unassign --from` names a target the ring added: its id. */
function targetId(target: AssignmentTarget): string {
  switch (target.kind) {
    case 'collection':
      return target.collectionId;
    case 'group':
    case 'exclude-group':
      return target.groupId;
    default:
      throw new Error(`a ring target of kind ${target.kind} cannot be rolled back by id`);
  }
}
