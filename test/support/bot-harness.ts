import type { AuditLog } from '../../core/ports/audit-log.js';
import { createMemoryAuditLog } from '../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import type { AppServices } from '../../bot/app-services.js';
import { loadConfig } from '../../bot/config/config.js';
import { SANDBOX_ACCESS_ENV } from '../../sandbox/index.js';
import { startBot, type RunningBot } from '../../bot/start-bot.js';
import type { AnyCommand } from '../../bot/context/command-context.js';
import { silentLogger, type Logger } from '../../core/ports/logger.js';
import type { TokenValidationEndpoints } from '../../bot/hosts/token-validation.js';
import { systemClock, type Clock } from '../../core/ports/clock.js';
import type { Storage } from '../../core/ports/storage.js';
import type { TenantServices } from '../../core/tenant-services.js';
import type { VerifyPolicy } from '../../core/runs/verify-policy.js';
import type { IntuneWaitPolicy } from '../../core/maa/intune-gate.js';
import { createAppServices } from '../../bot/wiring/create-app-services.js';
import { checkInvokeAnswer } from './sent-card-leaks.js';
import { expectHost, hostEnv } from './host-env.js';
import { startRecordingConnector, type RateLimit, type RecordingConnector } from './recording-connector.js';

export interface TestBot {
  readonly bot: RunningBot;
  readonly connector: RecordingConnector;
  readonly services: AppServices;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  postRaw(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  readonly env?: Record<string, string>;
  readonly storage?: Storage;
  /** An in-memory chain unless a test needs the file log (adapters/audit/file-audit-log.ts). */
  readonly audit?: AuditLog;
  readonly tenant?: TenantServices;
  readonly verifyPolicy?: VerifyPolicy;
  /** The system clock unless a test needs to move time (see OffsetClock). */
  readonly clock?: Clock;
  /** How long after an attempt starts a tenant write may still land (GRAPH_TIMEOUT in production). */
  readonly writeSettleMs?: number;
  /** How soon a write answered 502/503/504 is read back (WRITE_SETTLE_AFTER_ANSWER in production). */
  readonly writeSettleAfterAnswerMs?: number;
  readonly intuneWaitPolicy?: IntuneWaitPolicy;
  readonly rateLimit?: RateLimit;
  /** The bot's command list; the default is `bot/commands/index.ts`. */
  readonly commands?: readonly AnyCommand[];
  /** Where inbound tokens' signing keys come from (a local stand-in, see token-issuer.ts). */
  readonly tokenValidation?: TokenValidationEndpoints;
  readonly log?: Logger;
}

/** The real server on an ephemeral loopback port, replying to a recording connector; the host BOT_HOST names. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const connector = await startRecordingConnector(options.rateLimit);
  const config = loadConfig({
    PORT: '0',
    ...hostEnv(),
    ...(options.tenant ? SANDBOX_ACCESS_ENV : {}),
    ...options.env,
  });
  const services: AppServices = createAppServices({
    storage: options.storage ?? createMemoryStorage(),
    audit: options.audit ?? createMemoryAuditLog(),
    clock: options.clock ?? systemClock,
    log: silentLogger,
    tenant: options.tenant,
    access: config.access,
    verifyPolicy: options.verifyPolicy,
    ...(options.writeSettleMs === undefined ? {} : { writeSettleMs: options.writeSettleMs }),
    ...(options.writeSettleAfterAnswerMs === undefined
      ? {}
      : { writeSettleAfterAnswerMs: options.writeSettleAfterAnswerMs }),
    intuneWaitPolicy: options.intuneWaitPolicy,
    rolloutCheckIntervalMs: config.rolloutCheckIntervalMs,
  });
  const bot = await startBot({
    config,
    services,
    log: options.log ?? silentLogger,
    ...(options.tokenValidation ? { tokenValidation: options.tokenValidation } : {}),
    progressIntervalMs: 50,
    ...(options.commands ? { commands: options.commands } : {}),
  });
  await expectHost(bot.url);
  const endpoint = `${bot.url}/api/messages`;

  async function postRaw(
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  return {
    bot,
    connector,
    services,
    async post(activity, headers) {
      const { status, text } = await postRaw(JSON.stringify(activity), headers);
      const answer = text === '' ? undefined : (JSON.parse(text) as unknown);
      checkInvokeAnswer(activity, answer);
      return { status, body: answer };
    },
    postRaw,
    async close() {
      await bot.close();
      await connector.close();
    },
  };
}
