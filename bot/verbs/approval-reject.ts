import { isUserFacingError } from '../../core/user-facing-error.js';
import { approvalRejectData } from './approval-data.js';
import { defineVerb } from './verb.js';

export const approvalRejectVerb = defineVerb({
  verb: 'approval.reject',
  role: 'approver',
  data: approvalRejectData,
  async run({ approvalId, reason }, { services, actor, approvalCards }) {
    const record = await services.approvals.requireRecord(approvalId);
    try {
      const { record: updated, outcome } = await services.approvals.reject(approvalId, actor, reason ?? '');
      return approvalCards.cardFor(updated, actor, outcome === 'already-decided' ? `This request is already ${updated.status}.` : undefined);
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      return approvalCards.cardFor((await services.approvals.get(approvalId)) ?? record, actor, `${error.title}. ${error.message}${error.fix ? ` ${error.fix}` : ''}`);
    }
  },
});
