import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphHttp, type GraphCall, type GraphHttp } from '../../adapters/graph/graph-http.js';
import { UpstreamNotFound } from '../../core/errors/upstream-error.js';
import { systemClock } from '../../core/ports/clock.js';
import type { Logger, LogFields } from '../../core/ports/logger.js';
import { DEMO_USERS } from '../../sandbox/index.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

const MDE_CONNECTOR = 'fc780465-2017-40d4-a0c5-307022471b92';
const read = (path: string, headers?: Record<string, string>): GraphCall => ({
  operation: `read ${path}`,
  method: 'GET',
  path,
  ...(headers ? { headers } : {}),
});
const userIds = Object.values(DEMO_USERS).map((user) => user.id);
const independentReads = [
  read('/groups'),
  read('/deviceManagement/roleScopeTags'),
  read('/deviceManagement/configManagerCollections'),
  read(`/deviceManagement/mobileThreatDefenseConnectors/${MDE_CONNECTOR}`),
  ...userIds.map((id) => read(`/users/${id}`)),
];

/** Records what the retry layer logs per attempt, to compare with what reached the sandbox. */
function recordingLogger(lines: LogFields[]): Logger {
  const logger: Logger = {
    debug: (fields) => void lines.push(fields),
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

/** The connector's heartbeat follows the wall clock; everything else in a body is the tenant's. */
function withoutHeartbeat(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('lastHeartbeatDateTime' in body)) return body;
  return { ...body, lastHeartbeatDateTime: 'ignored' };
}

let upstream: SandboxUpstream;
let http: GraphHttp;
let logged: LogFields[];
const graphLog = async () => (await upstream.requests()).filter((entry) => entry.path.startsWith('/graph/'));
const httpRequests = async () => (await graphLog()).filter((entry) => entry.inBatch !== true);

beforeAll(async () => {
  upstream = await sandboxUpstream({ scenario: 'ready', seed: 3 });
  await upstream.http.send(read('/groups')); // the token, so logs below hold Graph calls only
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(async () => {
  logged = [];
  http = createGraphHttp({
    client: upstream.client,
    logger: recordingLogger(logged),
    clock: systemClock,
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxTotalMs: 10_000 },
  });
  await upstream.control('DELETE', '/faults');
  await upstream.control('DELETE', '/requests');
});

describe('independent Graph reads share one $batch (against the sandbox)', () => {
  it('sends N reads issued together as one $batch of N items, and each caller gets its own body', async () => {
    const direct = [];
    for (const call of independentReads) direct.push(withoutHeartbeat((await http.send(call)).body));
    expect((await httpRequests()).every((entry) => entry.method === 'GET')).toBe(true);
    await upstream.control('DELETE', '/requests');

    const together = await Promise.all(independentReads.map((call) => http.send(call)));
    expect(together.map((reply) => withoutHeartbeat(reply.body))).toEqual(direct);
    const log = await graphLog();
    expect(log.filter((entry) => entry.inBatch !== true).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'POST /graph/beta/$batch',
    ]);
    expect(log.filter((entry) => entry.inBatch === true).map((entry) => entry.path)).toEqual(
      independentReads.map((call) => `/graph/beta${call.path}`),
    );
  });

  it('maps shuffled item answers back by id: each of 20 readers of a user gets that user', async () => {
    const calls = Array.from({ length: 20 }, (_, index) => read(`/users/${userIds[index % userIds.length] ?? ''}`));
    const replies = await Promise.all(calls.map((call) => http.send(call)));
    expect(replies.map((reply) => (reply.body as { id: string }).id)).toEqual(
      calls.map((_, index) => userIds[index % userIds.length]),
    );
    expect((await httpRequests()).map((entry) => entry.path)).toEqual(['/graph/beta/$batch']);
  });

  it('gives each item its own client-request-id (logged by the retry layer as the sandbox saw it), the batch its own', async () => {
    await Promise.all(independentReads.slice(0, 3).map((call) => http.send(call)));
    const log = await graphLog();
    const inner = log.filter((entry) => entry.inBatch === true).map((entry) => entry.clientRequestId);
    const outer = log.filter((entry) => entry.inBatch !== true).map((entry) => entry.clientRequestId);
    const attempts = logged.filter((line) => line.operation !== undefined && line.attempt === 1);
    expect(new Set([...inner, ...outer]).size).toBe(4);
    expect(attempts.map((line) => line.clientRequestId).sort()).toEqual([...inner].sort());
    expect(attempts.every((line) => line.viaBatch === outer[0])).toBe(true);
  });

  it('retries an item answered 429 by itself, after its Retry-After, while the others are answered at once', async () => {
    await upstream.control('POST', '/faults', { spec: 'route=/graph/beta/groups;kind=429;retryAfter=1;count=1' });
    const started = Date.now();
    const replies = await Promise.all(independentReads.slice(0, 3).map((call) => http.send(call)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const groups = (await graphLog()).filter((entry) => entry.path === '/graph/beta/groups');
    expect(groups.map(({ status, inBatch }) => ({ status, inBatch }))).toEqual([
      { status: 429, inBatch: true },
      { status: 200, inBatch: undefined },
    ]);
    expect((await graphLog()).filter((entry) => entry.path.startsWith('/graph/beta/deviceManagement/'))).toHaveLength(
      2,
    );
  });

  it('fails only the caller whose item is 404, with its own UpstreamNotFound', async () => {
    const missing = read('/users/00000000-0000-0000-0000-00000000dead');
    const settled = await Promise.allSettled([...independentReads.slice(0, 2), missing].map((call) => http.send(call)));
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const error = (settled[2] as PromiseRejectedResult).reason as UpstreamNotFound;
    expect(error).toBeInstanceOf(UpstreamNotFound);
    expect(error.failure.operation).toBe(missing.operation);
    const inner = (await graphLog()).find((entry) => entry.path.endsWith('00000000dead'));
    expect(error.failure.clientRequestId).toBe(inner?.clientRequestId);
  });

  it.each([
    ['503', 'route=/graph/beta/$batch;kind=503;count=1'],
    ['reset', 'route=/graph/beta/$batch;kind=reset;count=1'],
    ['reset aimed at one item', 'route=/graph/beta/groups;kind=reset;count=1;method=GET'],
  ])('retries every item when the $batch itself fails (%s)', async (_name, spec) => {
    await upstream.control('POST', '/faults', { spec });
    const reads = independentReads.slice(0, 4);
    const replies = await Promise.all(reads.map((call) => http.send(call)));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const rules = (await upstream.control('GET', '/faults')) as { rules: { fired: number }[] };
    expect(rules.rules[0]?.fired).toBe(1);
    const outer = (await httpRequests())[0];
    expect(outer?.path).toBe('/graph/beta/$batch');
    expect(outer?.status).not.toBe(200);
    for (const call of reads) {
      const answered = (await graphLog()).filter((entry) => entry.path === `/graph/beta${call.path}`);
      expect(answered.at(-1)?.status, call.path).toBe(200);
    }
  });

  it('sends 25 reads issued together as two batches (20 and 5)', async () => {
    const calls = Array.from(
      { length: 25 },
      (_, index) => independentReads[index % independentReads.length] ?? read('/'),
    );
    const replies = await Promise.all(calls.map((call) => http.send(call)));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const log = await graphLog();
    expect(log.filter((entry) => entry.inBatch !== true).map((entry) => entry.path)).toEqual([
      '/graph/beta/$batch',
      '/graph/beta/$batch',
    ]);
    expect(log.filter((entry) => entry.inBatch === true)).toHaveLength(25);
  });

  it('sends a read that is alone in its turn as itself, not as a batch of one', async () => {
    await http.send(read('/groups'));
    await http.getAll({ operation: 'synced collections', path: '/deviceManagement/configManagerCollections' });
    const log = await graphLog();
    expect(log.map(({ method, path, inBatch }) => ({ method, path, inBatch }))).toEqual([
      { method: 'GET', path: '/graph/beta/groups', inBatch: undefined },
      { method: 'GET', path: '/graph/beta/deviceManagement/configManagerCollections', inBatch: undefined },
    ]);
  });

  it('carries each read’s own headers into its item (ConsistencyLevel for transitive role assignments, §11.1)', async () => {
    const admin = DEMO_USERS.admin.id;
    const transitive: GraphCall = {
      operation: 'transitive role assignments',
      method: 'GET',
      path: '/roleManagement/directory/transitiveRoleAssignments',
      query: { $filter: `principalId eq '${admin}'`, $count: true },
      headers: { ConsistencyLevel: 'eventual' },
    };
    const alone = await http.send(transitive);
    const [together] = await Promise.all([http.send(transitive), http.send(read('/groups'))]);
    expect(together?.status).toBe(200);
    expect(together?.body).toEqual(alone.body);
    expect((await httpRequests()).map((entry) => entry.path)).toContain('/graph/beta/$batch');
  });
});
