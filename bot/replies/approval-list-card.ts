import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toApprovalListView } from '../../cards/views/approval-list-view.js';
import {
  myRequestsContinuation,
  unreadableApprovalsContinuation,
} from '../../core/approvals/approval-list-continuation.js';
import type { Actor } from '../../core/actor.js';
import { isUserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';

/**
 * The `approvals` card: what waits for the caller's decision, and their own requests newest first, one page from the
 * list index with a More button when earlier ones follow. `after` (a More page) is a storage continuation already
 * checked to continue the caller's own list; that page lists only their earlier requests.
 */
export async function approvalListCard(services: AppServices, actor: Actor, after?: string): Promise<AdaptiveCard> {
  const now = services.clock.now();
  const more = (continuation: string | undefined) =>
    continuation === undefined || actor.aadObjectId === undefined
      ? {}
      : { more: myRequestsContinuation(actor.aadObjectId, continuation) };
  if (after !== undefined) {
    const page = await services.approvals.myRequestsAfter(actor, after).catch((error: unknown) => {
      // a continuation storage refuses (garbled, or from a store since replaced) is the button's fault, not a crash
      if (isUserFacingError(error)) throw error;
      throw unreadableApprovalsContinuation();
    });
    const view = { toDecide: [], mine: page.mine, isApprover: false, now, older: true, ...more(page.mineContinuation) };
    return renderCard('approval-list', toApprovalListView(view));
  }
  const [lists, isApprover] = await Promise.all([
    services.approvals.listFor(actor),
    services.approvals.isApprover(actor),
  ]);
  return renderCard(
    'approval-list',
    toApprovalListView({ ...lists, isApprover, now, ...more(lists.mineContinuation) }),
  );
}
