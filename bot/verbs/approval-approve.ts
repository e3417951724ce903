import { isUserFacingError } from '../../core/user-facing-error.js';
import { approvalActionData } from './approval-data.js';
import { defineVerb } from './verb.js';

export const approvalApproveVerb = defineVerb({
  verb: 'approval.approve',
  role: 'approver',
  data: approvalActionData,
  async run({ approvalId }, { services, actor, approvalCards }) {
    const record = await services.approvals.requireRecord(approvalId);
    try {
      const { record: updated, outcome } = await services.approvals.approve(approvalId, actor);
      const note = outcome === 'already-counted' ? 'Your approval was already counted.' : outcome === 'already-decided' ? `This request is already ${updated.status}.` : undefined;
      return approvalCards.cardFor(updated, actor, note);
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      return approvalCards.cardFor((await services.approvals.get(approvalId)) ?? record, actor, `${error.title}. ${error.message}`);
    }
  },
});
