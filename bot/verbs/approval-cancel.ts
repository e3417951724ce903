import { approvalActionData } from './approval-data.js';
import { decideApproval } from './approval-decision.js';
import { defineVerb } from './verb.js';

export const approvalCancelVerb = defineVerb({
  verb: 'approval.cancel',
  button: 'the Cancel request button',
  role: 'operator',
  data: approvalActionData,
  run: ({ approvalId }, context) =>
    decideApproval(approvalId, context, async () => ({
      record: await context.services.approvals.cancel(approvalId, context.actor),
    })),
});
