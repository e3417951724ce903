import { approvalActionData } from './approval-data.js';
import { defineVerb } from './verb.js';

/**
 * The Open button on a row of the approvals list: the request's card, as this person should see it, posted as a new
 * message below the list (which stays usable for the next row). The posted card is kept current like every other
 * copy of the request's card.
 */
export const approvalOpenVerb = defineVerb({
  verb: 'approval.open',
  button: 'the Open button of the approvals list',
  role: 'reader',
  data: approvalActionData,
  answersBeside: { note: 'Opening the request below the list…' },
  async run({ approvalId }, { services, actor, approvalCards, conversation, send }) {
    const record = await services.approvals.requireRecord(approvalId);
    const activityId = await send(await approvalCards.cardFor(record, actor));
    if (activityId) await services.approvals.addCard(record.id, conversation.id, activityId);
    return { note: 'Opened the request below the list.' };
  },
});
