import { z } from 'zod';
import { myRequestsStorageContinuation } from '../../core/approvals/approval-list-continuation.js';
import { approvalListCard } from '../replies/approval-list-card.js';
import { defineVerb } from './verb.js';

/**
 * The More button under "Your requests" on the approvals card: the clicker's own earlier requests. Whose list it is
 * comes from the turn (the clicker's object id), never from the card; a token from someone else's card, or garbled,
 * gets a named card.
 */
export const approvalsMoreVerb = defineVerb({
  verb: 'approvals.more',
  button: 'the More button of your requests',
  role: 'reader',
  data: z.object({ continuation: z.string().min(1).max(10_000) }),
  async run({ continuation }, { services, actor }) {
    return approvalListCard(services, actor, myRequestsStorageContinuation(continuation, actor.aadObjectId));
  },
});
