import { createMemoryAuditLog } from '../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import type { AppServices } from '../../bot/app-services.js';
import { ApprovalCards } from '../../bot/approvals/approval-cards.js';
import type { AnyCommand, CommandContext } from '../../bot/context/command-context.js';
import type { ConversationInfo } from '../../bot/conversations/conversation-info.js';
import type { AccessConfig } from '../../bot/config/config.js';
import type { CardMessenger } from '../../bot/runs/progress-cards.js';
import { KnownUsers } from '../../bot/conversations/known-users.js';
import { createAppServices } from '../../bot/wiring/create-app-services.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { CallerAccess } from '../../core/access/access-control.js';
import type { Role } from '../../core/access/roles.js';
import type { Actor } from '../../core/actor.js';
import type { AuditLog } from '../../core/ports/audit-log.js';
import { silentLogger, type Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { callerAccess } from './caller-access.js';
import { FakeClock } from './fake-clock.js';

export const testAccessConfig: AccessConfig = {
  approvers: [],
  quorum: 1,
  approvalTtlMs: 24 * 60 * 60 * 1000,
  readers: [],
  operators: [],
  admins: [],
  membershipCacheMs: 60_000,
};

export interface TestServiceParts {
  readonly tenant?: TenantServices;
  readonly clock?: FakeClock;
  readonly storage?: Storage;
  readonly audit?: AuditLog;
  readonly access?: Partial<AccessConfig>;
  readonly log?: Logger;
  /** Names runs r-1, r-2, … instead of random short ids. */
  readonly countRunIds?: boolean;
}

/**
 * The real composition of core services (run engine, approvals, access control, every step handler) over memory
 * storage, a memory audit log and a fake clock: a test gets exactly what the bot wires, so it cannot drift from it.
 */
export function testAppServices(parts: TestServiceParts = {}): AppServices & { readonly clock: FakeClock } {
  const clock = parts.clock ?? new FakeClock();
  const services = createAppServices({
    storage: parts.storage ?? createMemoryStorage(),
    audit: parts.audit ?? createMemoryAuditLog(clock),
    clock,
    log: parts.log ?? silentLogger,
    access: { ...testAccessConfig, ...parts.access },
    tenant: parts.tenant,
    newRunId: parts.countRunIds ? counter('r-') : undefined,
  });
  return { ...services, clock };
}

function counter(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

/** A messenger that remembers what was posted and updated, for commands that post cards of their own. */
export class RecordingMessenger implements CardMessenger {
  readonly posted: { conversationId: string; card: AdaptiveCard }[] = [];
  readonly updated: { conversationId: string; activityId: string; card: AdaptiveCard }[] = [];

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    this.posted.push({ conversationId, card });
    return `activity-${this.posted.length}`;
  }

  async update(conversationId: string, activityId: string, card: AdaptiveCard): Promise<void> {
    this.updated.push({ conversationId, activityId, card });
  }
}

export interface TestContextParts {
  readonly services: AppServices;
  readonly actor: Actor;
  readonly roles?: readonly Role[];
  readonly access?: CallerAccess;
  readonly conversation?: ConversationInfo;
  readonly commands?: readonly AnyCommand[];
  readonly send?: (card: AdaptiveCard) => Promise<string>;
  readonly update?: (activityId: string, card: AdaptiveCard) => Promise<void>;
}

/** A command context as the bot builds one for a turn, with the caller's access decided by the given roles. */
export function testCommandContext(parts: TestContextParts): CommandContext {
  const messenger = new RecordingMessenger();
  return {
    actor: parts.actor,
    access: parts.access ?? callerAccess(parts.actor, parts.roles),
    conversation: parts.conversation ?? { id: 'conv-1', type: 'personal' },
    correlationId: 'corr-1',
    log: silentLogger,
    services: parts.services,
    commands: parts.commands ?? [],
    approvalCards: new ApprovalCards(
      parts.services.approvals,
      messenger,
      new KnownUsers(parts.services.storage),
      silentLogger,
      parts.services.clock,
    ),
    send: parts.send ?? ((card) => messenger.post('conv-1', card)),
    update: parts.update ?? (async () => undefined),
  };
}
