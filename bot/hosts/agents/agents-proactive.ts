import type { ConversationParameters, ConversationReference } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { CardChannel, ProactivePort } from '../host-port.js';
import type { StoredReference } from '../stored-reference.js';
import type { AgentsAdapter } from './agents-adapter.js';
import { cardChannelOf } from './agents-turn.js';

/**
 * Proactive messaging on the Agents SDK's CloudAdapter. Our stored reference keeps the Bot Framework's names; the SDK's
 * has `agent` where ours has `bot`, and its schema refuses empty strings, so the reference is mapped here. Without
 * credentials the continuation runs as an anonymous identity (the adapter then calls the connector without a token).
 */
export class AgentsProactive implements ProactivePort {
  constructor(
    private readonly adapter: AgentsAdapter,
    private readonly appId: string | undefined,
  ) {}

  async continueConversation(reference: StoredReference, work: (channel: CardChannel) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversation(this.appId ?? {}, toAgentsReference(reference), async (turn) => {
      try {
        await work(cardChannelOf(turn));
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }

  /**
   * The connector's createConversation, as botbuilder's createConversationAsync sends it (`bot`, the wire name, not the
   * SDK's `agent`). The SDK's own createConversationAsync always asks for a token, so the connector is called directly.
   */
  async createChannelPost(reference: StoredReference, channelId: string, card: AdaptiveCard): Promise<string> {
    const tenantId = nonEmpty(reference.conversation?.tenantId);
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)),
      ...(reference.bot ? { bot: reference.bot } : {}),
      ...(tenantId ? { tenantId } : {}),
    } as unknown as ConversationParameters;
    const connector = await this.adapter.connectorFor(reference.serviceUrl ?? '');
    const created = await connector.createConversation(parameters);
    return created.id ?? '';
  }
}

/** Ours to the SDK's: `bot` becomes `agent`; empty strings (which its schema refuses) are left out. */
export function toAgentsReference(reference: StoredReference): ConversationReference {
  const conversation = reference.conversation;
  const bot = reference.bot;
  return {
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId ?? 'msteams',
    ...(nonEmpty(reference.locale) ? { locale: reference.locale } : {}),
    conversation: {
      id: conversation?.id ?? '',
      ...(nonEmpty(conversation?.conversationType) ? { conversationType: conversation?.conversationType } : {}),
      ...(nonEmpty(conversation?.tenantId) ? { tenantId: conversation?.tenantId } : {}),
      ...(typeof conversation?.isGroup === 'boolean' ? { isGroup: conversation.isGroup } : {}),
    },
    ...(bot ? { agent: { id: bot.id, ...(typeof bot.name === 'string' ? { name: bot.name } : {}) } } : {}),
  } as ConversationReference;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
