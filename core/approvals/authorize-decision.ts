import type { Actor } from '../actor.js';
import { sameObjectId } from '../identity/object-id.js';
import { UserFacingError } from '../user-facing-error.js';
import type { ApprovalRecord } from './approval-record.js';

/** What deciding on a request is checked against. */
export interface DecisionRules {
  isApprover(actor: Actor): Promise<boolean>;
  /** Audits a refused decision (who tried, and why). */
  refused(actor: Actor, record: ApprovalRecord, details: Record<string, unknown>): Promise<void>;
}

/**
 * Four eyes: a decision counts only from a known Azure AD identity, never the requester's own, on a request that has
 * not expired, from a member of the configured approvers. A refusal is audited and says what to do instead.
 */
export async function authorizeDecision(
  record: ApprovalRecord,
  actor: Actor,
  verb: 'approve' | 'reject',
  rules: DecisionRules,
): Promise<void> {
  if (!actor.aadObjectId) {
    throw new UserFacingError(
      'Who are you?',
      'Your click did not carry an Azure AD identity, so it cannot count as a decision.',
    );
  }
  if (sameObjectId(actor.aadObjectId, record.requestedBy.aadObjectId)) {
    await rules.refused(actor, record, { reason: 'requester cannot decide own request', verb });
    throw new UserFacingError(
      'You cannot decide your own request',
      `${record.requestedBy.name} asked for this change, so someone else must ${verb} it.`,
      'Ask an approver to look at it.',
    );
  }
  if (record.status === 'expired') {
    throw new UserFacingError(
      'This request has expired',
      // The exact moment, for the log; a card words it for people (cards/views/technical-text.ts).
      `It expired ${record.expiresAt} and can no longer be ${verb === 'approve' ? 'approved' : 'rejected'}.`,
      'The requester can ask again.',
    );
  }
  if (!(await rules.isApprover(actor))) {
    await rules.refused(actor, record, { reason: 'not an approver', verb });
    throw new UserFacingError(
      'You are not an approver',
      `Only members of the configured approvers can ${verb} changes.`,
      'Ask whoever runs AttachOps to add you to an approvers group (APPROVERS).',
    );
  }
}
