import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphHttp, type GraphHttp } from '../../adapters/graph/graph-http.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import { createGraphClient } from '../../bot/upstream/graph-client.js';
import {
  type RunningSandbox,
  SANDBOX_APP,
  SANDBOX_TENANT_ID,
  type SandboxOptions,
  startSandbox,
} from '../../sandbox/index.js';
import { assertNoContractViolations } from '../contract/write-contract.js';
import { testTls } from '../support/tls.js';

export interface SandboxUpstream {
  readonly sandbox: RunningSandbox;
  readonly client: Client;
  readonly http: GraphHttp;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  requests(): Promise<
    {
      method: string;
      path: string;
      query: string;
      status: number;
      /** An item inside a $batch (sandbox/graph/batch-route.ts), not an HTTP request of its own. */
      inBatch?: boolean;
      clientRequestId: string | null;
      authorization: { scheme: string | null };
    }[]
  >;
  close(): Promise<void>;
}

/** The production client path (credential → SDK client → GraphHttp) pointed at a loopback sandbox. */
export async function sandboxUpstream(
  options: Omit<SandboxOptions, 'tls' | 'port'> = {},
  maxTotalMs = 60_000,
): Promise<SandboxUpstream> {
  const sandbox = await startSandbox({ port: 0, ...options, tls: testTls() });
  const client = createGraphClient({
    tenantId: SANDBOX_TENANT_ID,
    clientId: SANDBOX_APP.clientId,
    clientSecret: SANDBOX_APP.clientSecret,
    authorityHost: `${sandbox.url}/login`,
    graphBaseUrl: `${sandbox.url}/graph/`,
    requestTimeoutMs: 30_000,
  });
  const http = createGraphHttp({ client, logger: silentLogger, clock: systemClock, retry: { maxTotalMs } });
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return text === '' ? undefined : JSON.parse(text);
  };
  return {
    sandbox,
    client,
    http,
    control,
    requests: async () =>
      ((await control('GET', '/requests')) as { requests: Awaited<ReturnType<SandboxUpstream['requests']>> }).requests,
    async close() {
      const violations: unknown = await control('GET', '/contract-violations');
      await sandbox.close();
      assertNoContractViolations(violations);
    },
  };
}
