import { approvalActionData } from './approval-data.js';
import { decideApproval } from './approval-decision.js';
import { defineVerb } from './verb.js';

export const approvalApproveVerb = defineVerb({
  verb: 'approval.approve',
  button: 'the Approve button',
  role: 'approver',
  data: approvalActionData,
  run: ({ approvalId }, context) =>
    decideApproval(approvalId, context, async () => {
      const { record, outcome } = await context.services.approvals.approve(approvalId, context.actor);
      if (outcome === 'already-counted') return { record, note: 'Your approval was already counted.' };
      if (outcome === 'already-decided') return { record, note: `This request is already ${record.status}.` };
      return { record };
    }),
});
