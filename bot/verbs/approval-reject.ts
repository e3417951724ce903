import { approvalRejectData } from './approval-data.js';
import { decideApproval } from './approval-decision.js';
import { defineVerb } from './verb.js';

export const approvalRejectVerb = defineVerb({
  verb: 'approval.reject',
  button: 'the Reject button',
  role: 'approver',
  data: approvalRejectData,
  run: ({ approvalId, reason }, context) =>
    decideApproval(approvalId, context, async () => {
      const { record, outcome } = await context.services.approvals.reject(approvalId, context.actor, reason ?? '');
      return outcome === 'already-decided' ? { record, note: `This request is already ${record.status}.` } : { record };
    }),
});
