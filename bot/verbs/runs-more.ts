import { z } from 'zod';
import { listsEveryRun, storageContinuationOf, type RunListScope } from '../../core/runs/run-list-continuation.js';
import { runListCard } from '../replies/run-list-card.js';
import { defineVerb } from './verb.js';

/**
 * The More button of the runs list: the next page, from an opaque token. Who may see it is decided here, from the
 * turn: the clicker's role (reader, as for `runs` and `runs --all`) and the conversation the click came from, never
 * from the card; a token made for another conversation's list, or garbled, gets a named card.
 */
export const runsMoreVerb = defineVerb({
  verb: 'runs.more',
  button: 'the More button of the runs list',
  role: 'reader',
  data: z.object({ continuation: z.string().min(1).max(10_000) }),
  async run({ continuation }, { services, conversation }) {
    const scope: RunListScope = listsEveryRun(continuation) ? { all: true } : { conversationId: conversation.id };
    return runListCard(services, scope, storageContinuationOf(continuation, scope));
  },
});
