import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import type { ApprovalRecord } from './approval-record.js';
import { APPROVAL_STEP, type ApprovalRecords } from './approval-records.js';

/** The run waits here until the request is decided; a rejection, cancellation or expiry ends the run. */
export function approvalStep(approvals: ApprovalRecords): StepHandler {
  const load = async (approvalId: unknown): Promise<ApprovalRecord> => approvals.requireRecord(String(approvalId));
  return defineStepKind({
    kind: APPROVAL_STEP,
    changesTenant: false,
    async check(step): Promise<WorldCheck> {
      const record = await load(step.input.approvalId);
      if (record.status !== 'approved') return { done: false };
      return { done: true, message: `approved by ${record.approvals.map((approval) => approval.by.name).join(', ')}` };
    },
    async perform(step): Promise<StepOutcome> {
      const record = await load(step.input.approvalId);
      switch (record.status) {
        case 'approved':
          return { kind: 'done', message: 'approved' };
        case 'pending':
          return {
            kind: 'waiting-for-approval',
            approvalId: record.id,
            // The exact expiry is kept; cards read it against their own now (cards/views/technical-text.ts).
            message: `Waits for ${approvalsWord(record.quorum - record.approvals.length)} until ${record.expiresAt}.`,
          };
        case 'rejected':
          return {
            kind: 'failed',
            problem: {
              title: 'Rejected',
              message: `${record.decision?.by.name ?? 'An approver'} rejected the request: ${record.decision?.reason ?? ''}`,
              fix: 'Change the request as the reason says and ask again.',
            },
          };
        case 'cancelled':
          return {
            kind: 'failed',
            problem: { title: 'Cancelled', message: `${record.requestedBy.name} withdrew the request.` },
          };
        case 'expired':
          return {
            kind: 'failed',
            problem: {
              title: 'Expired',
              message: `Nobody approved request ${record.id} before it expired.`,
              fix: 'Ask again.',
            },
          };
        case 'superseded':
          return {
            kind: 'failed',
            problem: {
              title: 'Replaced',
              message: `The tenant changed; request ${record.supersededBy ?? ''} asks again with a new plan.`,
            },
          };
      }
    },
  });
}

/** "1 more approval", "2 more approvals". */
function approvalsWord(missing: number): string {
  return `${missing} more ${missing === 1 ? 'approval' : 'approvals'}`;
}
