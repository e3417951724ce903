import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Logger } from '../../core/ports/logger.js';
import type { AppServices } from '../app-services.js';
import type { AnyCommand, CommandContext } from '../commands/command.js';
import { dispatchMessage } from '../commands/dispatch-message.js';
import { dispatchVerb } from '../verbs/dispatch-verb.js';
import type { AnyVerb } from '../verbs/verb.js';
import { actorFromActivity, conversationFromActivity } from './actor-from-activity.js';
import { commandText } from './command-text.js';
import type { ConversationReferences } from './conversation-references.js';
import type { KnownUsers } from './known-users.js';
import type { ApprovalCards } from '../approvals/approval-cards.js';

export interface BotDependencies {
  readonly commands: readonly AnyCommand[];
  readonly verbs: readonly AnyVerb[];
  readonly services: AppServices;
  readonly references: ConversationReferences;
  readonly knownUsers: KnownUsers;
  readonly approvalCards: ApprovalCards;
  readonly log: Logger;
}

/** The Teams-facing bot: messages become commands, card clicks become verbs. */
export class AttachOpsBot extends TeamsActivityHandler {
  constructor(private readonly dependencies: BotDependencies) {
    super();
    this.onTurn(async (turn, next) => {
      await this.rememberConversation(turn);
      await next();
    });
    this.onMessage(async (turn, next) => {
      const context = await this.commandContext(turn);
      const card = await dispatchMessage(commandText(turn.activity), context);
      if (card) await context.send(card);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    turn: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const context = { ...(await this.commandContext(turn)), cardActivityId: turn.activity.replyToId };
    const card = await dispatchVerb(invokeValue, this.dependencies.verbs, context);
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
  }

  private async rememberConversation(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    const removed = activity.type === 'installationUpdate' && activity.action === 'remove';
    const botRemoved = activity.membersRemoved?.some((member) => member.id === activity.recipient.id) ?? false;
    if (removed || botRemoved) {
      await this.dependencies.references.forget(activity.conversation.id);
      this.dependencies.log.info({ conversationId: activity.conversation.id }, 'bot removed from conversation');
      return;
    }
    await this.dependencies.references.remember(activity);
    await this.dependencies.knownUsers.remember(activity);
  }

  private async commandContext(turn: TurnContext): Promise<CommandContext> {
    const correlationId = randomUUID();
    const activity = turn.activity;
    const log = this.dependencies.log.child({
      correlationId,
      activityId: activity.id,
      activityType: activity.type,
      conversationId: activity.conversation.id,
    });
    const actor = actorFromActivity(activity);
    return {
      actor,
      access: await this.dependencies.services.accessControl.accessOf(actor, activity.conversation.id),
      conversation: conversationFromActivity(activity),
      correlationId,
      log,
      services: this.dependencies.services,
      commands: this.dependencies.commands,
      approvalCards: this.dependencies.approvalCards,
      send: async (card: AdaptiveCard) => {
        const response = await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
        return response?.id ?? '';
      },
      update: async (activityId: string, card: AdaptiveCard) => {
        const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        update.id = activityId;
        await turn.updateActivity(update);
      },
    };
  }
}
