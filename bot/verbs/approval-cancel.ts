import { isUserFacingError } from '../../core/user-facing-error.js';
import { approvalActionData } from './approval-data.js';
import { defineVerb } from './verb.js';

export const approvalCancelVerb = defineVerb({
  verb: 'approval.cancel',
  role: 'operator',
  data: approvalActionData,
  async run({ approvalId }, { services, actor, approvalCards }) {
    const record = await services.approvals.requireRecord(approvalId);
    try {
      return approvalCards.cardFor(await services.approvals.cancel(approvalId, actor), actor);
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      return approvalCards.cardFor((await services.approvals.get(approvalId)) ?? record, actor, `${error.title}. ${error.message}`);
    }
  },
});
