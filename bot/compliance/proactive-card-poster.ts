import { CardFactory, MessageFactory, type CloudAdapter } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { ConversationReferences } from '../teams/conversation-references.js';
import { ConversationUnreachableError, statusOf } from '../teams/proactive-messenger.js';
import type { CardPoster } from './rate-limited-sender.js';

/**
 * Posts a card through a stored conversation reference and REPORTS the connector's failure. The error is caught inside
 * the continuation turn: thrown out of it, CloudAdapter hands it to `onTurnError`, which logs it and lets
 * `continueConversationAsync` resolve as if the post had worked (so 403/404/429 would never reach the sender).
 */
export class ProactiveCardPoster implements CardPoster {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationReferences,
  ) {}

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    const reference = await this.references.get(conversationId);
    if (!reference) throw new ConversationUnreachableError(conversationId, undefined);
    let activityId = '';
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
      try {
        const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        activityId = response?.id ?? '';
      } catch (error) {
        failure = { error };
      }
    });
    if (!failure) return activityId;
    const status = statusOf(failure.error);
    if (status === 403 || status === 404) throw new ConversationUnreachableError(conversationId, status);
    throw failure.error;
  }
}
