import { createHash } from 'node:crypto';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { ApprovalRecords } from '../approvals/approval-records.js';
import type { ChangePlan } from '../approvals/change-plan.js';
import { SHORT_ID_ALPHABET } from '../short-id.js';
import type { Actor } from '../actor.js';
import type { RunAuditEvent } from '../runs/run-audit-outbox.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { holdNote, type RolloutHoldState } from './rollout-hold-wait.js';
import type { RolloutPauses } from './rollout-pauses.js';
import { type AdvanceInput, advanceInputSchema, devicesWords, ROLLOUT_ADVANCE, ROLLOUT_HOLD } from './rollout-steps.js';

/**
 * With approve-each, the next ring waits for a person: the step opens an approval request bound to this same run (no
 * new run), and waits for it like the first approval did. The approval service's four-eyes rules apply unchanged
 * (the requester of the rollout cannot approve its next ring); once decided, the service moves this run on.
 */
export function rolloutAdvanceStep(approvals: ApprovalRecords, pauses?: RolloutPauses): StepHandler {
  return defineStepKind({
    kind: ROLLOUT_ADVANCE,
    changesTenant: false,
    async check(step, context): Promise<WorldCheck> {
      if (step.approvalId === undefined) return { done: false };
      const record = await approvals.requireRecord(step.approvalId);
      // Approved while paused: not done; perform holds the ring until the rollout is resumed.
      if (record.status !== 'approved' || (await pauses?.get(context.run.id))) return { done: false };
      const input = advanceInputSchema.parse(step.input);
      return { done: true, message: approvedBy(record), events: [advanceApproved(record, input, context.actor)] };
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = advanceInputSchema.parse(step.input);
      const record =
        step.approvalId === undefined
          ? await approvals.openOnce(
              advanceApprovalId(context.run.id, step.id),
              advancePlan(input, context.run.resources),
              context.run.requestedBy,
              context.run.conversationId,
              () => Promise.resolve(context.run),
            )
          : await approvals.requireRecord(step.approvalId);
      switch (record.status) {
        case 'approved': {
          const events = [advanceApproved(record, input, context.actor)];
          const pause = await pauses?.get(context.run.id);
          if (!pause) return { kind: 'done', message: approvedBy(record), events };
          const state: RolloutHoldState = {
            ringIndex: input.ringIndex,
            ringName: input.nextRing.name,
            approvalId: record.id,
            approvedBy: approverNames(record),
            pausedBy: pause.by.name,
          };
          return { kind: 'wait', wait: ROLLOUT_HOLD, start: { state, message: holdNote(state), events } };
        }
        case 'pending':
          return {
            kind: 'waiting-for-approval',
            approvalId: record.id,
            message: `Ring ${input.passedRing} passed its gate; ring ${input.nextRing.name} waits for an approval (request ${record.id}) until ${record.expiresAt}.`,
          };
        default:
          return {
            kind: 'failed',
            problem: {
              title: `Ring ${input.nextRing.name} was not approved`,
              message: `Request ${record.id} to advance to ring ${input.nextRing.name} ended ${record.status}${record.decision?.reason ? `: ${record.decision.reason}` : ''}. Nothing more was assigned.`,
              fix: 'Start a rollout of the remaining rings when it should go on.',
            },
          };
      }
    },
  });
}

function advancePlan(input: ReturnType<typeof advanceInputSchema.parse>, resources: readonly string[]): ChangePlan {
  return {
    kind: ROLLOUT_ADVANCE,
    title: `Ring ${input.passedRing} healthy: advance "${input.policyName}" to ring ${input.nextRing.name} (${devicesWords(input.nextRing.devices)})?`,
    intent: { ...input },
    changes: [
      {
        action: 'add',
        subject: `Ring ${input.nextRing.name}`,
        detail: `ring ${input.ringIndex + 1} of the rollout, after ring ${input.passedRing} passed its gate`,
        ...(input.nextRing.devices === undefined ? {} : { devices: input.nextRing.devices }),
      },
    ],
    resources,
    steps: [],
  };
}

/**
 * The advance request's id, fixed by the run and the step: `a-` and eight letters of their hash, in short-id's
 * alphabet. A step performed again after a kill (before it stored the id) so opens no second request.
 */
export function advanceApprovalId(runId: string, stepId: string): string {
  const digest = createHash('sha256').update(`${runId}/${stepId}/rollout-advance`).digest();
  return `a-${[...digest.subarray(0, 8)].map((byte) => SHORT_ID_ALPHABET[byte % SHORT_ID_ALPHABET.length]).join('')}`;
}

function approvedBy(record: ApprovalRecord): string {
  return `approved by ${approverNames(record)}`;
}

function approverNames(record: ApprovalRecord): string {
  return record.approvals.map((approval) => approval.by.name).join(', ');
}

/** `rollout.advance-approved`, credited to whoever decided the request (the run may be moved by someone else). */
function advanceApproved(record: ApprovalRecord, input: AdvanceInput, fallback: Actor): RunAuditEvent {
  return {
    actor: record.decision?.by ?? fallback,
    action: 'rollout.advance-approved',
    details: {
      ringIndex: input.ringIndex,
      ring: input.nextRing.name,
      approvalId: record.id,
      approvedBy: record.approvals.map((approval) => approval.by.name),
    },
  };
}
