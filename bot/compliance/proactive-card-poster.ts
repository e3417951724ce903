import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { ProactivePort } from '../hosts/host-port.js';
import type { ConversationReferences, StoredReference } from '../conversations/conversation-references.js';
import { ConversationUnreachableError, statusOf } from '../conversations/proactive-messenger.js';
import { channelOfConversation, threadRootOf } from '../conversations/teams-channel.js';
import type { CardPoster } from './rate-limited-sender.js';

/**
 * Posts a card through a stored conversation reference and REPORTS the connector's failure (the host port never
 * swallows it, so 403/404/429 reach the sender).
 *
 * In a Teams channel the card is a NEW post in the channel, as Teams' proactive messaging to a channel does it: the
 * connector's createConversation with `isGroup` and `channelData.channel.id`, the card as the post's first activity.
 * Sent through the reference instead, it would land as a reply in the thread the reference was taken from (the
 * thread of the `subscribe` command).
 */
export class ProactiveCardPoster implements CardPoster {
  constructor(
    private readonly proactive: ProactivePort,
    private readonly references: ConversationReferences,
  ) {}

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    const reference = await this.references.get(conversationId);
    if (!reference) throw new ConversationUnreachableError(conversationId, undefined);
    try {
      return reference.conversation?.conversationType === 'channel'
        ? await this.newChannelPost(reference, card)
        : await this.sendInConversation(reference, card);
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 || status === 404) throw new ConversationUnreachableError(conversationId, status);
      throw error;
    }
  }

  private async sendInConversation(reference: StoredReference, card: AdaptiveCard): Promise<string> {
    let activityId = '';
    await this.proactive.continueConversation(reference, async (channel) => {
      activityId = await channel.sendCard(card);
    });
    return activityId;
  }

  private async newChannelPost(reference: StoredReference, card: AdaptiveCard): Promise<string> {
    const channelId = reference.teamsChannelId ?? channelOfConversation(reference.conversation?.id ?? '');
    return threadRootOf(await this.proactive.createChannelPost(reference, channelId, card));
  }
}
