import { createMemoryAuditLog } from '../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { loadConfig } from '../../bot/config/config.js';
import { startBot } from '../../bot/start-bot.js';
import { createAppServices } from '../../bot/wiring/create-app-services.js';
import { createTenantServices } from '../../bot/wiring/create-tenant-services.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { sandboxBotEnvironment, startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import type { BenchTls } from './trusted-child.js';

export interface BenchStack {
  readonly sandbox: RunningSandbox;
  readonly tenant: TenantServices;
  readonly botUrl: string;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The sandbox tenant and the AttachOps bot wired exactly as `npm start` wires them (memory storage, silent log), on the
 * host named (BOT_HOST).
 */
export async function startBenchStack(
  tls: BenchTls,
  host: 'botbuilder' | 'agents' = 'botbuilder',
): Promise<BenchStack> {
  const sandbox = await startSandbox({ scenario: 'ready', seed: 7, tls });
  const config = loadConfig({ ...sandboxBotEnvironment(sandbox.url), PORT: '0', BOT_HOST: host });
  if (!config.tenant) throw new Error('no tenant configuration');
  const tenant = createTenantServices({
    tenant: config.tenant,
    adminService: config.adminService,
    log: silentLogger,
    clock: systemClock,
    graphRetryBudgetMs: 30_000,
  });
  const services = createAppServices({
    storage: createMemoryStorage(),
    audit: createMemoryAuditLog(),
    clock: systemClock,
    log: silentLogger,
    tenant,
    access: config.access,
  });
  const bot = await startBot({ config, services, log: silentLogger });
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  };
  return {
    sandbox,
    tenant,
    botUrl: bot.url,
    control,
    async close() {
      await bot.close();
      await sandbox.close();
    },
  };
}
