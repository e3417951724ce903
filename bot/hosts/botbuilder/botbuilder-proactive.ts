import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { StoredReference } from '../stored-reference.js';
import type { CardChannel, ProactivePort } from '../host-port.js';
import { cardChannelOf } from './botbuilder-turn.js';

/**
 * botbuilder types the audience as a string but reads `audience ?? <the configured cloud's bot-to-channel scope>`, as
 * continueConversationAsync does; an empty string would ask for a token with no scope.
 */
const CONFIGURED_AUDIENCE = undefined as unknown as string;

/**
 * Proactive messaging on botbuilder's CloudAdapter. Our stored reference is botbuilder's own shape. A failure inside the
 * continuation is caught there and rethrown after: thrown out of the turn, CloudAdapter would hand it to `onTurnError`
 * and resolve as if the post had worked.
 */
export class BotbuilderProactive implements ProactivePort {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async continueConversation(reference: StoredReference, work: (channel: CardChannel) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(
      this.appId,
      reference as Partial<ConversationReference>,
      async (turn) => {
        try {
          await work(cardChannelOf(turn));
        } catch (error) {
          failure = { error };
        }
      },
    );
    if (failure) throw failure.error;
  }

  async createChannelPost(reference: StoredReference, channelId: string, card: AdaptiveCard): Promise<string> {
    const tenantId = reference.conversation?.tenantId;
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)),
      ...(reference.bot ? { bot: reference.bot } : {}),
      ...(tenantId ? { tenantId } : {}),
    } as ConversationParameters;
    let created = '';
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
    return created;
  }
}
