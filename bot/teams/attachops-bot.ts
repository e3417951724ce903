import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
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
import { callerFromActivity, type Caller } from './caller-from-activity.js';
import { commandText } from './command-text.js';
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
/** Where the turn keeps its caller, read once from the activity at the start of the turn. */
const CALLER = Symbol('attachops.caller');

/** The Teams-facing bot: the caller is read once, other tenants are refused, messages become commands, clicks verbs. */
export class AttachOpsBot extends TeamsActivityHandler {
  private readonly homeTenantIds: ReadonlySet<string>;
  private readonly welcomes: WelcomeOnce;

  constructor(private readonly dependencies: BotDependencies) {
    super();
    this.homeTenantIds = new Set(dependencies.homeTenantIds);
    this.welcomes = new WelcomeOnce(dependencies.services.storage);
    this.onTurn(async (turn, next) => {
      const caller = callerFromActivity(turn.activity, this.homeTenantIds);
      turn.turnState.set(CALLER, caller);
      if (caller.tenant.verdict === 'refused') {
        await this.refuseTenant(turn, caller);
        return;
      }
      await this.rememberConversation(turn, caller);
      await next();
    });
    this.onMessage(async (turn, next) => {
      const context = await this.commandContext(turn);
      const card = await dispatchMessage(commandText(turn.activity), context);
      if (card) await context.send(card);
      await next();
    });
    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.welcome(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      const activity = turn.activity;
      if (activity.membersAdded?.some((member) => member.id === activity.recipient.id)) await this.welcome(turn);
      await next();
    });
  }

  /** Every activity in one turn span, so the upstream and storage requests it makes are its children. */
  override async run(turn: TurnContext): Promise<void> {
    await inTurnSpan(turn.activity.type, () => super.run(turn));
  }

  /** The welcome card, once per install (personal chat, group chat or team), whichever announcement comes first. */
  private async welcome(turn: TurnContext): Promise<void> {
    const { conversation } = this.callerOf(turn);
    const { services, log } = this.dependencies;
    if (!(await this.welcomes.claim(conversation.id, services.clock.now()))) return;
    log.info({ conversationId: conversation.id, scope: conversation.type }, 'app installed: welcome sent');
    const card = renderCard('welcome', toWelcomeView(conversation.type));
    await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  /** Every invoke is answered with a card; only `adaptiveCard/action` reaches a verb, its value parsed there. */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    const context = await this.commandContext(turn);
    if (turn.activity.name !== ADAPTIVE_CARD_ACTION) {
      context.log.warn({ invokeName: String(turn.activity.name).slice(0, 100) }, 'invoke of a kind not handled');
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
    const answer = await dispatchVerb(turn.activity.value, this.dependencies.verbs, {
      ...context,
      cardActivityId: turn.activity.replyToId,
    });
    return isVerbNote(answer) ? noteResponse(answer.note) : cardResponse(answer);
  }

  private callerOf(turn: TurnContext): Caller {
    const kept = turn.turnState.get(CALLER) as Caller | undefined;
    return kept ?? callerFromActivity(turn.activity, this.homeTenantIds);
  }

  private async refuseTenant(turn: TurnContext, caller: Caller): Promise<void> {
    if (caller.tenant.verdict !== 'refused') return;
    const correlationId = randomUUID();
    const activity = turn.activity;
    this.dependencies.log.warn(
      { correlationId, activityType: activity.type, reason: caller.tenant.reason },
      'activity from a tenant this bot does not serve refused',
    );
    await auditTenantRefusal(this.dependencies.services.audit, caller, caller.tenant, activity.type, correlationId);
    const card = tenantRefusalCard(caller.tenant, correlationId);
    if (activity.type === ActivityTypes.Message) {
      await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    } else if (activity.type === ActivityTypes.Invoke) {
      await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: cardResponse(card) });
    }
  }

  private async rememberConversation(turn: TurnContext, caller: Caller): Promise<void> {
    const activity = turn.activity;
    const removed = activity.type === 'installationUpdate' && activity.action === 'remove';
    const botRemoved = activity.membersRemoved?.some((member) => member.id === activity.recipient.id) ?? false;
    if (removed || botRemoved) {
      await this.dependencies.references.forget(caller.conversation.id);
      await this.welcomes.forget(caller.conversation.id);
      this.dependencies.log.info({ conversationId: caller.conversation.id }, 'bot removed from conversation');
      return;
    }
    await this.dependencies.references.remember(activity);
  }

  private async commandContext(turn: TurnContext): Promise<CommandContext> {
    const correlationId = randomUUID();
    const activity = turn.activity;
    const { actor, conversation, malformedObjectId } = this.callerOf(turn);
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

function cardResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}

/** Universal Actions' message answer: Teams shows the text and leaves the clicked card as it was. */
function noteResponse(note: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: note } };
}
