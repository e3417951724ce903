import { createMemoryAuditLog } from '../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { loadConfig } from '../../bot/config/config.js';
import { startBot } from '../../bot/start-bot.js';
import { createAppServices } from '../../bot/wiring/create-app-services.js';
import { createTenantServices } from '../../bot/wiring/create-tenant-services.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { TenantServices } from '../../core/tenant-services.js';
import {
  SANDBOX_ACCESS_ENV,
  SANDBOX_ADMINSERVICE_USER,
  SANDBOX_APP,
  SANDBOX_TENANT_ID,
  startSandbox,
  type RunningSandbox,
} from '../../sandbox/index.js';
import type { BenchTls } from './trusted-child.js';

export interface BenchStack {
  readonly sandbox: RunningSandbox;
  readonly tenant: TenantServices;
  readonly botUrl: string;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** The sandbox tenant and the AttachOps bot wired exactly as `npm start` wires them (memory storage, silent log). */
export async function startBenchStack(tls: BenchTls): Promise<BenchStack> {
  const sandbox = await startSandbox({ scenario: 'ready', seed: 7, tls });
  const config = loadConfig({
    ...SANDBOX_ACCESS_ENV,
    PORT: '0',
    TENANT_ID: SANDBOX_TENANT_ID,
    GRAPH_CLIENT_ID: SANDBOX_APP.clientId,
    GRAPH_CLIENT_SECRET: SANDBOX_APP.clientSecret,
    GRAPH_BASE_URL: `${sandbox.url}/graph/`,
    AUTHORITY_HOST: `${sandbox.url}/login/`,
    ADMINSERVICE_URL: `${sandbox.url}/AdminService/`,
    ADMINSERVICE_AUTH: 'ntlm',
    ADMINSERVICE_DOMAIN: SANDBOX_ADMINSERVICE_USER.domain,
    ADMINSERVICE_USERNAME: SANDBOX_ADMINSERVICE_USER.username,
    ADMINSERVICE_PASSWORD: SANDBOX_ADMINSERVICE_USER.password,
  });
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
