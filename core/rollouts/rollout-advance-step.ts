import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { ApprovalRecords } from '../approvals/approval-records.js';
import type { ChangePlan } from '../approvals/change-plan.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { advanceInputSchema, devicesWords, ROLLOUT_ADVANCE } from './rollout-steps.js';

/**
 * With approve-each, the next ring waits for a person: the step opens an approval request bound to this same run (no
 * new run), and waits for it like the first approval did. The approval service's four-eyes rules apply unchanged
 * (the requester of the rollout cannot approve its next ring); once decided, the service moves this run on.
 */
export function rolloutAdvanceStep(approvals: ApprovalRecords): StepHandler {
  return defineStepKind({
    kind: ROLLOUT_ADVANCE,
    changesTenant: false,
    async check(step): Promise<WorldCheck> {
      if (step.approvalId === undefined) return { done: false };
      const record = await approvals.requireRecord(step.approvalId);
      return record.status === 'approved' ? { done: true, message: approvedBy(record) } : { done: false };
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = advanceInputSchema.parse(step.input);
      const record =
        step.approvalId === undefined
          ? await approvals.open(
              advancePlan(input, context.run.resources),
              context.run.requestedBy,
              context.run.conversationId,
              () => Promise.resolve(context.run),
            )
          : await approvals.requireRecord(step.approvalId);
      switch (record.status) {
        case 'approved':
          return { kind: 'done', message: approvedBy(record) };
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

function approvedBy(record: ApprovalRecord): string {
  return `approved by ${record.approvals.map((approval) => approval.by.name).join(', ')}`;
}
