import { randomUUID } from 'node:crypto';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toErrorView } from '../../cards/views/message-view.js';
import { toWelcomeView } from '../../cards/views/welcome-view.js';
import type { Logger } from '../../core/ports/logger.js';
import type { AppServices } from '../app-services.js';
import type { AnyCommand, CommandContext } from '../context/command-context.js';
import { dispatchMessage } from '../commands/dispatch-message.js';
import { dispatchVerb } from '../verbs/dispatch-verb.js';
import { isVerbNote, type AnyVerb } from '../verbs/verb.js';
import type { InvokeAnswer, Turn, TurnLogic } from '../hosts/host-port.js';
import { failureCard } from '../replies/failure-card.js';
import { callerFromActivity, type Caller } from './caller-from-activity.js';
import { commandText } from './command-text.js';
import { listsMember } from '../hosts/inbound-activity.js';
import type { ConversationReferences } from '../conversations/conversation-references.js';
import type { KnownUsers } from '../conversations/known-users.js';
import type { PersonalChats } from '../conversations/personal-chats.js';
import type { ApprovalCards } from '../approvals/approval-cards.js';
import { auditTenantRefusal, tenantRefusalCard } from './tenant-refusal.js';
import { WelcomeOnce } from './welcome-once.js';
import { inTurnSpan } from '../telemetry/turn-span.js';

export interface BotDependencies {
  readonly commands: readonly AnyCommand[];
  readonly verbs: readonly AnyVerb[];
  readonly services: AppServices;
  readonly references: ConversationReferences;
  readonly knownUsers: KnownUsers;
  readonly personalChats: PersonalChats;
  readonly approvalCards: ApprovalCards;
  readonly log: Logger;
  /** Normalised ids of the tenants served (config `homeTenantIds`). */
  readonly homeTenantIds: readonly string[];
}

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

/**
 * The bot's turn logic, on either host: the caller is read once, other tenants are refused, messages become commands,
 * clicks verbs, installs a welcome. A turn that throws gets the failure card (messages); an invoke that throws gets no
 * answer, which both hosts send as 501, as botbuilder's CloudAdapter did.
 */
export class AttachOpsTurns implements TurnLogic {
  private readonly homeTenantIds: ReadonlySet<string>;
  private readonly welcomes: WelcomeOnce;

  constructor(private readonly dependencies: BotDependencies) {
    this.homeTenantIds = new Set(dependencies.homeTenantIds);
    this.welcomes = new WelcomeOnce(dependencies.services.storage);
  }

  /** Every activity in one turn span (on either host), so the upstream and storage requests it makes are its children. */
  async run(turn: Turn): Promise<InvokeAnswer | undefined> {
    return inTurnSpan(turn.activity.type, () => this.answer(turn));
  }

  private async answer(turn: Turn): Promise<InvokeAnswer | undefined> {
    try {
      return await this.dispatch(turn);
    } catch (error) {
      const activity = turn.activity;
      const correlationId = activity.id ?? 'unknown';
      const card = failureCard(
        error,
        correlationId,
        this.dependencies.log.child({ correlationId, conversationId: activity.conversation.id }),
      );
      if (activity.type === 'message') await turn.sendCard(card);
      return undefined;
    }
  }

  private async dispatch(turn: Turn): Promise<InvokeAnswer | undefined> {
    const activity = turn.activity;
    const caller = callerFromActivity(activity, this.homeTenantIds);
    if (caller.tenant.verdict === 'refused') return this.refuseTenant(turn, caller);
    await this.rememberConversation(turn, caller);
    switch (activity.type) {
      case 'message': {
        const context = await this.commandContext(turn, caller);
        const card = await dispatchMessage(commandText(activity), context);
        if (card) await context.send(card);
        return undefined;
      }
      case 'invoke':
        return this.invoke(turn, caller);
      case 'installationUpdate':
        if (typeof activity.action === 'string' && activity.action.startsWith('add')) await this.welcome(turn, caller);
        return undefined;
      case 'conversationUpdate':
        if (listsMember(activity.membersAdded, activity.recipient.id)) await this.welcome(turn, caller);
        return undefined;
      default:
        return undefined;
    }
  }

  /** The welcome card, once per install (personal chat, group chat or team), whichever announcement comes first. */
  private async welcome(turn: Turn, caller: Caller): Promise<void> {
    const { conversation } = caller;
    const { services, log } = this.dependencies;
    if (!(await this.welcomes.claim(conversation.id, services.clock.now()))) return;
    log.info({ conversationId: conversation.id, scope: conversation.type }, 'app installed: welcome sent');
    await turn.sendCard(renderCard('welcome', toWelcomeView(conversation.type)));
  }

  /** Every invoke is answered with a card; only `adaptiveCard/action` reaches a verb, its value parsed there. */
  private async invoke(turn: Turn, caller: Caller): Promise<InvokeAnswer> {
    const activity = turn.activity;
    const context = await this.commandContext(turn, caller);
    if (activity.name !== ADAPTIVE_CARD_ACTION) {
      context.log.warn({ invokeName: String(activity.name).slice(0, 100) }, 'invoke of a kind not handled');
      return cardResponse(
        renderCard(
          'error',
          toErrorView({
            title: 'That request is not one I handle',
            message: 'Teams asked me for something I do not offer, so nothing was done.',
            fix: 'Type help to see what I can do.',
            correlationId: context.correlationId,
          }),
        ),
      );
    }
    const answer = await dispatchVerb(activity.value, this.dependencies.verbs, {
      ...context,
      cardActivityId: typeof activity.replyToId === 'string' ? activity.replyToId : undefined,
    });
    return isVerbNote(answer) ? noteResponse(answer.note) : cardResponse(answer);
  }

  private async refuseTenant(turn: Turn, caller: Caller): Promise<InvokeAnswer | undefined> {
    if (caller.tenant.verdict !== 'refused') return undefined;
    const correlationId = randomUUID();
    const activity = turn.activity;
    this.dependencies.log.warn(
      { correlationId, activityType: activity.type, reason: caller.tenant.reason },
      'activity from a tenant this bot does not serve refused',
    );
    await auditTenantRefusal(this.dependencies.services.audit, caller, caller.tenant, activity.type, correlationId);
    const card = tenantRefusalCard(caller.tenant, correlationId);
    if (activity.type === 'message') await turn.sendCard(card);
    return activity.type === 'invoke' ? cardResponse(card) : undefined;
  }

  private async rememberConversation(turn: Turn, caller: Caller): Promise<void> {
    const activity = turn.activity;
    const removed = activity.type === 'installationUpdate' && activity.action === 'remove';
    const botRemoved = listsMember(activity.membersRemoved, activity.recipient.id);
    if (removed || botRemoved) {
      await this.dependencies.references.forget(caller.conversation.id);
      await this.welcomes.forget(caller.conversation.id);
      this.dependencies.log.info({ conversationId: caller.conversation.id }, 'bot removed from conversation');
      return;
    }
    await this.dependencies.references.remember(activity);
  }

  private async commandContext(turn: Turn, caller: Caller): Promise<CommandContext> {
    const correlationId = randomUUID();
    const activity = turn.activity;
    const { actor, conversation, malformedObjectId } = caller;
    const log = this.dependencies.log.child({
      correlationId,
      activityId: activity.id,
      activityType: activity.type,
      conversationId: conversation.id,
    });
    if (malformedObjectId) log.warn({}, 'from.aadObjectId is not an object id; treated as no identity');
    const access = await this.dependencies.services.accessControl.accessOf(actor, conversation.id);
    if (access.standing === 'known') await this.dependencies.knownUsers.remember(actor);
    await this.dependencies.personalChats.remember(actor, conversation);
    return {
      actor,
      access,
      conversation,
      correlationId,
      log,
      services: this.dependencies.services,
      commands: this.dependencies.commands,
      approvalCards: this.dependencies.approvalCards,
      send: (card: AdaptiveCard) => turn.sendCard(card),
      update: (activityId: string, card: AdaptiveCard) => turn.updateCard(activityId, card),
    };
  }
}

function cardResponse(card: AdaptiveCard): InvokeAnswer {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}

/** Universal Actions' message answer: Teams shows the text and leaves the clicked card as it was. */
function noteResponse(note: string): InvokeAnswer {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: note } };
}
