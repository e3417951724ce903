import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { CardChannel, ProactivePort } from '../hosts/host-port.js';
import type { ConversationReferences } from './conversation-references.js';

export class ConversationUnreachableError extends Error {
  constructor(
    readonly conversationId: string,
    readonly status: number | undefined,
  ) {
    super(`conversation ${conversationId} cannot be reached${status ? ` (${status})` : ''}`);
    this.name = 'ConversationUnreachableError';
  }
}

/** Posts and updates cards outside a turn, through the stored conversation reference. */
export class ProactiveMessenger {
  constructor(
    private readonly proactive: ProactivePort,
    private readonly references: ConversationReferences,
  ) {}

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    let activityId = '';
    await this.continue(conversationId, async (channel) => {
      activityId = await channel.sendCard(card);
    });
    return activityId;
  }

  /** A plain text message (Teams renders its markdown): for what a person copies, such as a request id. */
  async postText(conversationId: string, text: string): Promise<string> {
    let activityId = '';
    await this.continue(conversationId, async (channel) => {
      activityId = await channel.sendText(text);
    });
    return activityId;
  }

  async update(conversationId: string, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.continue(conversationId, (channel) => channel.updateCard(activityId, card));
  }

  private async continue(conversationId: string, work: (channel: CardChannel) => Promise<void>): Promise<void> {
    const reference = await this.references.get(conversationId);
    if (!reference) throw new ConversationUnreachableError(conversationId, undefined);
    try {
      await this.proactive.continueConversation(reference, work);
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 || status === 404) throw new ConversationUnreachableError(conversationId, status);
      throw error;
    }
  }
}

export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const record = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = record.statusCode ?? record.status ?? record.response?.status;
  return typeof status === 'number' ? status : undefined;
}
