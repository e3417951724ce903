import { CardFactory, MessageFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
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
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationReferences,
  ) {}

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    let activityId = '';
    await this.continue(conversationId, async (turn) => {
      const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      activityId = response?.id ?? '';
    });
    return activityId;
  }

  /** A plain text message (Teams renders its markdown): for what a person copies, such as a request id. */
  async postText(conversationId: string, text: string): Promise<string> {
    let activityId = '';
    await this.continue(conversationId, async (turn) => {
      const response = await turn.sendActivity(MessageFactory.text(text));
      activityId = response?.id ?? '';
    });
    return activityId;
  }

  async update(conversationId: string, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.continue(conversationId, async (turn) => {
      const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      update.id = activityId;
      await turn.updateActivity(update);
    });
  }

  private async continue(conversationId: string, logic: (turn: TurnContext) => Promise<void>): Promise<void> {
    const reference = await this.references.get(conversationId);
    if (!reference) throw new ConversationUnreachableError(conversationId, undefined);
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
        try {
          await logic(turn);
        } catch (error) {
          failure = error;
        }
      });
      if (failure !== undefined) throw failure;
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
