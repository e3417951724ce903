import type { InboundActivity } from '../../bot/hosts/inbound-activity.js';
import { createMemoryAuditLog } from '../../adapters/audit/memory-audit-log.js';
import type { AppServices } from '../../bot/app-services.js';
import type { RunningComplianceScheduler } from '../../bot/compliance/start-compliance-scheduler.js';
import type { SendLimits } from '../../bot/compliance/send-limits.js';
import { loadConfig } from '../../bot/config/config.js';
import { startBot, type RunningBot } from '../../bot/start-bot.js';
import { expectHost, hostEnv } from '../support/host-env.js';
import { ConversationReferences } from '../../bot/conversations/conversation-references.js';
import { createAppServices } from '../../bot/wiring/create-app-services.js';
import { type Logger, silentLogger } from '../../core/ports/logger.js';
import { SANDBOX_ACCESS_ENV } from '../../sandbox/index.js';
import type { Storage } from '../../core/ports/storage.js';
import type { TenantServices } from '../../core/tenant-services.js';
import type { FakeClock } from '../support/fake-clock.js';
import type { RecordingConnector } from '../support/recording-connector.js';
import { checkInvokeAnswer } from '../support/sent-card-leaks.js';

export interface ComplianceBot {
  readonly bot: RunningBot;
  readonly services: AppServices;
  readonly scheduler: RunningComplianceScheduler;
  readonly references: ConversationReferences;
  post(activity: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * The real bot with the compliance commands and verbs, wired as start-bot will wire them: the scheduler posts through
 * a ProactiveMessenger over the same storage. The connector is passed in so a restarted bot reaches the same one.
 */
export async function startComplianceBot(options: {
  tenant: TenantServices;
  storage: Storage;
  clock: FakeClock;
  connector: RecordingConnector;
  sendLimits?: Partial<SendLimits>;
  log?: Logger;
}): Promise<ComplianceBot> {
  const log = options.log ?? silentLogger;
  const config = loadConfig({ PORT: '0', ...hostEnv(), ...SANDBOX_ACCESS_ENV });
  const services = createAppServices({
    storage: options.storage,
    audit: createMemoryAuditLog(),
    clock: options.clock,
    log: silentLogger,
    tenant: options.tenant,
    access: config.access,
  });
  const bot = await startBot({
    config,
    services,
    log,
    compliance: { tickMs: 25, ...(options.sendLimits ? { sendLimits: options.sendLimits } : {}) },
  });
  await expectHost(bot.url);
  const references = new ConversationReferences(options.storage);
  const scheduler = bot.compliance;
  return {
    bot,
    services,
    scheduler,
    references,
    async post(activity) {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      const body = text === '' ? undefined : (JSON.parse(text) as unknown);
      checkInvokeAnswer(activity, body);
      return { status: response.status, body };
    },
    async close() {
      await bot.close();
    },
  };
}

/** Stores a conversation reference as the bot does on every turn, without a turn. */
export async function rememberConversation(
  references: ConversationReferences,
  activity: Record<string, unknown>,
): Promise<void> {
  await references.remember(activity as unknown as InboundActivity);
}

/** The text of every TextBlock and fact in a card, joined, for assertions that do not depend on layout. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') parts.push(record.text);
      if (typeof record.title === 'string' && typeof record.value === 'string')
        parts.push(`${record.title}: ${record.value}`);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return parts.join('\n');
}
