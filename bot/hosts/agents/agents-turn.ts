import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { CardChannel, TurnLogic } from '../host-port.js';
import type { InboundActivity } from '../inbound-activity.js';

/** Cards through an Agents SDK turn: a message with the card as its one attachment, or its replacement. */
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

/**
 * The turn logic as the SDK's adapter runs it. The logic reads the activity as it came (checked by
 * inboundActivitySchema), the same object on both hosts; the SDK gets only what it routes replies with
 * (`routingActivity`), since its zod schema refuses fields botbuilder accepted (an empty `conversation.name`, say).
 */
export function agentsTurn(logic: TurnLogic, activity: InboundActivity): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    const answer = await logic.run({ activity, ...cardChannelOf(turn) });
    if (answer) await turn.sendActivity(Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: answer }));
  };
}

/** The fields the SDK needs to run a turn and address its replies, each only when its schema accepts it. */
export function routingActivity(activity: InboundActivity): Record<string, unknown> {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const account = (value: { id: string; name?: unknown }) => ({
    id: value.id,
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
  });
  const conversation = activity.conversation;
  return withoutUndefined({
    type: activity.type,
    id: text(activity.id),
    name: text(activity.name),
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    replyToId: text(activity.replyToId),
    locale: text(activity.locale),
    from: account(activity.from),
    recipient: account(activity.recipient),
    conversation: withoutUndefined({
      id: conversation.id,
      conversationType: text(conversation.conversationType),
      tenantId: text(conversation.tenantId),
      isGroup: typeof conversation.isGroup === 'boolean' ? conversation.isGroup : undefined,
    }),
  });
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
