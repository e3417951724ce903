import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { plainText } from '../../cards/views/technical-text.js';
import type { ApprovalRecord } from '../../core/approvals/approval-record.js';
import { isUserFacingError } from '../../core/user-facing-error.js';
import type { VerbContext } from './verb.js';

export interface Decision {
  readonly record: ApprovalRecord;
  readonly note?: string;
}

/**
 * The shape every approval button shares: load the request (unknown id: a user-facing error), apply the decision, and
 * answer with the request's card for this viewer; a refusal (not an approver, the requester, expired) is shown on the
 * card as a note instead of replacing it with an error card.
 */
export async function decideApproval(
  approvalId: string,
  { services, actor, approvalCards }: VerbContext,
  decide: () => Promise<Decision>,
): Promise<AdaptiveCard> {
  const record = await services.approvals.requireRecord(approvalId);
  try {
    const decision = await decide();
    return await approvalCards.cardFor(decision.record, actor, decision.note);
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    const current = (await services.approvals.get(approvalId)) ?? record;
    const refusal = [error.title + '.', error.message, error.fix].filter(Boolean).join(' ');
    // Core words a moment exactly (the expired request's ISO time); the note reads it as people do.
    return approvalCards.cardFor(current, actor, plainText(refusal, services.clock.now()).text);
  }
}
