import { approvalActionData } from './approval-data.js';
import { defineVerb } from './verb.js';

export const approvalRefreshVerb = defineVerb({
  verb: 'approval.refresh',
  button: "an approval request's Open, Refresh or Show my options button",
  role: 'reader',
  data: approvalActionData,
  async run({ approvalId }, { services, actor, approvalCards }) {
    return approvalCards.cardFor(await services.approvals.requireRecord(approvalId), actor);
  },
});
