import { CardFactory, MessageFactory, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { ConversationReferences, StoredReference } from '../conversations/conversation-references.js';
import { ConversationUnreachableError, statusOf } from '../conversations/proactive-messenger.js';
import { channelOfConversation, threadRootOf } from '../conversations/teams-channel.js';
import type { CardPoster } from './rate-limited-sender.js';

/**
 * Posts a card through a stored conversation reference and REPORTS the connector's failure. The error is caught inside
 * the continuation turn: thrown out of it, CloudAdapter hands it to `onTurnError`, which logs it and lets
 * `continueConversationAsync` resolve as if the post had worked (so 403/404/429 would never reach the sender).
 *
 * In a Teams channel the card is a NEW post in the channel, as Teams' proactive messaging to a channel does it: the
 * connector's createConversation with `isGroup` and `channelData.channel.id`, the card as the post's first activity.
 * Sent through the reference instead, it would land as a reply in the thread the reference was taken from (the
 * thread of the `subscribe` command).
 */
/**
 * botbuilder types the audience as a string but reads `audience ?? <the configured cloud's bot-to-channel scope>`, as
 * continueConversationAsync does; an empty string would ask for a token with no scope.
 */
const CONFIGURED_AUDIENCE = undefined as unknown as string;

export class ProactiveCardPoster implements CardPoster {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationReferences,
  ) {}

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    const reference = await this.references.get(conversationId);
    if (!reference) throw new ConversationUnreachableError(conversationId, undefined);
    const outcome =
      reference.conversation?.conversationType === 'channel'
        ? await this.newChannelPost(reference, card)
        : await this.sendInConversation(reference, card);
    if (!('error' in outcome)) return outcome.activityId;
    const status = statusOf(outcome.error);
    if (status === 403 || status === 404) throw new ConversationUnreachableError(conversationId, status);
    throw outcome.error;
  }

  private async sendInConversation(
    reference: StoredReference,
    card: AdaptiveCard,
  ): Promise<{ activityId: string } | { error: unknown }> {
    let outcome: { activityId: string } | { error: unknown } = { activityId: '' };
    await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
      try {
        const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        outcome = { activityId: response?.id ?? '' };
      } catch (error) {
        outcome = { error };
      }
    });
    return outcome;
  }

  private async newChannelPost(
    reference: StoredReference,
    card: AdaptiveCard,
  ): Promise<{ activityId: string } | { error: unknown }> {
    const conversationId = reference.conversation?.id ?? '';
    const channelId = reference.teamsChannelId ?? channelOfConversation(conversationId);
    const tenantId = reference.conversation?.tenantId;
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)),
      ...(reference.bot ? { bot: reference.bot } : {}),
      ...(tenantId ? { tenantId } : {}),
    } as ConversationParameters;
    let created = '';
    try {
      await this.adapter.createConversationAsync(
        this.appId,
        reference.channelId ?? 'msteams',
        reference.serviceUrl ?? '',
        CONFIGURED_AUDIENCE,
        parameters,
        async (turn) => {
          created = turn.activity.conversation.id;
        },
      );
    } catch (error) {
      return { error };
    }
    return { activityId: threadRootOf(created) };
  }
}
