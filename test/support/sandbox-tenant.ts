import { loadConfig } from '../../bot/config/config.js';
import { createTenantServices } from '../../bot/wiring/create-tenant-services.js';
import { silentLogger } from '../../core/ports/logger.js';
import { systemClock } from '../../core/ports/clock.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { sandboxBotEnvironment, startSandbox, type RunningSandbox, type ScenarioName } from '../../sandbox/index.js';
import { assertNoContractViolations } from '../contract/write-contract.js';
import { testTls } from './tls.js';

export interface SandboxTenant {
  readonly sandbox: RunningSandbox;
  readonly tenant: TenantServices;
  /** The environment `npm start` gives the bot for this sandbox. */
  readonly env: Record<string, string>;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  requests(): Promise<SandboxRequest[]>;
  /** Closes the sandbox; throws when a Graph write the bot sent broke the schema contract (test/contract). */
  close(): Promise<void>;
}

export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  /** The query string as sent, from its `?` (empty without one). */
  readonly query: string;
  readonly status: number;
  /** The JSON body of a write (credentials redacted). */
  readonly body?: unknown;
  readonly clientRequestId: string | null;
  readonly authorization: { readonly present: boolean; readonly scheme: string | null };
  /** Multi Admin Approval headers as sent: the decoded justification and the approval code. */
  readonly maa?: { readonly justification: string | null; readonly code: string | null };
  /** An item inside a Graph $batch (sandbox/graph/batch-route.ts), not an HTTP request of its own. */
  readonly inBatch?: boolean;
}

/** The sandbox tenant plus the bot's real upstream clients pointed at it, exactly as `npm start` wires them. */
export async function startSandboxTenant(
  options: {
    scenario?: ScenarioName;
    faults?: string;
    syncDelaySeconds?: number;
    /** More bot configuration (GRAPH_TIMEOUT, ...), for the tenant services built here and for `env`. */
    env?: Record<string, string>;
    retryBaseDelayMs?: number;
    random?: () => number;
  } = {},
): Promise<SandboxTenant> {
  const { env: extraEnv, retryBaseDelayMs, random, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ tls: testTls(), seed: 7, ...sandboxOptions });
  const env: Record<string, string> = { ...sandboxBotEnvironment(sandbox.url), ...extraEnv };
  const config = loadConfig(env);
  if (!config.tenant) throw new Error('sandbox config has no tenant');
  const tenant = createTenantServices({
    tenant: config.tenant,
    adminService: config.adminService,
    log: silentLogger,
    clock: systemClock,
    graphRetryBudgetMs: extraEnv?.UPSTREAM_RETRY_BUDGET === undefined ? 5_000 : config.tenant.retryBudgetMs,
    ...(retryBaseDelayMs === undefined ? {} : { retryBaseDelayMs }),
    ...(random === undefined ? {} : { random }),
  });

  async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  return {
    sandbox,
    tenant,
    env,
    control,
    async requests() {
      const { json } = await control('GET', 'requests');
      const list = Array.isArray(json) ? json : ((json as { requests?: unknown[] }).requests ?? []);
      return list as SandboxRequest[];
    },
    async close() {
      const { json } = await control('GET', 'contract-violations');
      await sandbox.close();
      assertNoContractViolations(json);
    },
  };
}
