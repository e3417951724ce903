import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { CardChannel, TurnLogic } from '../host-port.js';
import type { InboundActivity } from '../inbound-activity.js';

/** Cards through a botbuilder turn: a message with the card as its one attachment, or its replacement. */
export function cardChannelOf(turn: TurnContext): CardChannel {
  return {
    async sendCard(card: AdaptiveCard) {
      const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      return response?.id ?? '';
    },
    async sendText(text: string) {
      const response = await turn.sendActivity(MessageFactory.text(text));
      return response?.id ?? '';
    },
    async updateCard(activityId: string, card: AdaptiveCard) {
      const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      update.id = activityId;
      await turn.updateActivity(update);
    },
  };
}

/** The turn logic as botbuilder's adapter runs it: an invoke's answer becomes the turn's `invokeResponse`. */
export function botbuilderTurn(logic: TurnLogic): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    // The HTTP layer checked the body against inboundActivitySchema before the adapter made this activity of it.
    const activity = turn.activity as unknown as InboundActivity;
    const answer = await logic.run({ activity, ...cardChannelOf(turn) });
    if (answer) await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: answer });
  };
}
