import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNtlmTransport } from '../../bot/upstream/adminservice-transport.js';
import { NtlmConnectionPool } from '../../bot/upstream/ntlm/ntlm-connection-pool.js';
import { sendOverNtlm } from '../../bot/upstream/ntlm/ntlm-exchange.js';
import { SANDBOX_ADMINSERVICE_USER, startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { testTls } from '../support/tls.js';

interface Logged {
  readonly path: string;
  readonly status: number;
  readonly connection: number;
  readonly authorization: { readonly scheme: string | null };
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, scenario: 'ready', tls: testTls() });
});
afterAll(() => sandbox.close());
beforeEach(() => control('DELETE', 'requests'));

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function adminServiceLog(): Promise<Logged[]> {
  const { requests } = (await control('GET', 'requests')) as { requests: Logged[] };
  return requests.filter((request) => request.path.toLowerCase().startsWith('/adminservice'));
}

/** connection → how many 401s it got. */
function unauthorizedPerConnection(log: readonly Logged[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const request of log) {
    counts.set(request.connection, (counts.get(request.connection) ?? 0) + (request.status === 401 ? 1 : 0));
  }
  return counts;
}

function transport(options: { maxConnections?: number; idleTimeoutMs?: number } = {}) {
  return createNtlmTransport({
    baseUrl: `${sandbox.url}/AdminService`,
    credentials: SANDBOX_ADMINSERVICE_USER,
    timeoutMs: 5000,
    ...options,
  });
}

const SITE = { method: 'GET', path: '/wmi/SMS_Site' } as const;

describe('NTLM over kept-alive connections', () => {
  it('authenticates each connection once: sequential and parallel requests, one 401 per connection', async () => {
    const client = transport({ maxConnections: 3 });
    try {
      for (let i = 0; i < 5; i += 1) expect((await client.send(SITE)).status).toBe(200);
      const parallel = await Promise.all(Array.from({ length: 12 }, () => client.send(SITE)));
      expect(parallel.map((response) => response.status)).toEqual(Array(12).fill(200));
      const log = await adminServiceLog();
      const perConnection = unauthorizedPerConnection(log);
      expect(perConnection.size).toBeLessThanOrEqual(3);
      expect([...perConnection.values()]).toEqual(Array(perConnection.size).fill(1));
      expect(log.filter((request) => request.status === 200)).toHaveLength(17);
      expect(log.filter((request) => request.status === 200 && request.authorization.scheme === null).length).toBe(
        17 - perConnection.size,
      );
    } finally {
      client.close();
    }
  });

  it('sends POST bodies after the handshake, not with the Type 1 message', async () => {
    const client = transport();
    try {
      const tenants = await client.send({ method: 'GET', path: '/wmi/SMS_AAD_Tenant_Ex' });
      const tenantId = (tenants.json as { value: { TenantID: string }[] }).value[0]?.TenantID ?? '';
      const answer = await client.send({
        method: 'POST',
        path: '/wmi/SMS_CoMgmtConfigs.GetTenantCollectionMapping',
        body: { TenantID: tenantId },
      });
      expect(answer.status).toBeLessThan(300);
    } finally {
      client.close();
    }
  });

  it('authenticates again when the server closes the connection', async () => {
    const client = transport({ maxConnections: 1 });
    try {
      expect((await client.send(SITE)).status).toBe(200);
      await control('POST', 'connections/close');
      expect((await client.send(SITE)).status).toBe(200);
      const log = await adminServiceLog();
      const perConnection = unauthorizedPerConnection(log);
      expect(perConnection.size).toBe(2);
      expect([...perConnection.values()]).toEqual([1, 1]);
    } finally {
      client.close();
    }
  });

  it('retries a GET once on a fresh, authenticated connection when a kept-alive one is reset', async () => {
    const client = transport({ maxConnections: 1 });
    try {
      expect((await client.send(SITE)).status).toBe(200);
      await control('POST', 'faults', { spec: 'route=/AdminService/wmi/SMS_Site;kind=reset;count=1' });
      expect((await client.send(SITE)).status).toBe(200);
    } finally {
      client.close();
      await control('DELETE', 'faults');
    }
  });

  it('closes a connection idle past the time-out; the next request authenticates a new one', async () => {
    const pool = new NtlmConnectionPool({ maxConnections: 1, idleTimeoutMs: 50, ca: Buffer.from(sandbox.caCertPem) });
    const account = { ...SANDBOX_ADMINSERVICE_USER, workstation: '' };
    const request = { url: `${sandbox.url}/AdminService/wmi/SMS_Site`, method: 'GET', headers: {}, timeoutMs: 5000 };
    try {
      const connection = await pool.acquire();
      expect((await sendOverNtlm(connection, request, account)).status).toBe(200);
      expect(connection.isAuthenticated()).toBe(true);
      pool.release(connection);
      await expect.poll(() => connection.isAuthenticated(), { timeout: 2000, interval: 10 }).toBe(false);
      const again = await pool.acquire();
      expect(again).toBe(connection);
      expect((await sendOverNtlm(again, request, account)).status).toBe(200);
      pool.release(again);
      expect([...unauthorizedPerConnection(await adminServiceLog()).values()]).toEqual([1, 1]);
    } finally {
      pool.close();
    }
  });

  it('bounds the pool: a request waits for a free connection instead of opening more', async () => {
    const pool = new NtlmConnectionPool({ maxConnections: 2, idleTimeoutMs: 60_000 });
    try {
      const first = await pool.acquire();
      const second = await pool.acquire();
      let third: unknown;
      const waiting = pool.acquire().then((connection) => {
        third = connection;
        return connection;
      });
      await Promise.resolve();
      expect(third).toBeUndefined();
      expect(pool.size).toBe(2);
      pool.release(first);
      expect(await waiting).toBe(first);
      pool.release(second);
      pool.release(first);
      expect(second.busy).toBe(false);
    } finally {
      pool.close();
    }
  });

  it('answers 401 (Unauthenticated) for a wrong password, with no retry loop', async () => {
    const client = createNtlmTransport({
      baseUrl: `${sandbox.url}/AdminService`,
      credentials: { ...SANDBOX_ADMINSERVICE_USER, password: 'wrong' },
    });
    try {
      expect((await client.send(SITE)).status).toBe(401);
      expect(await adminServiceLog()).toHaveLength(2);
    } finally {
      client.close();
    }
  });
});
