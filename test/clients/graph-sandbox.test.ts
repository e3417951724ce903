import { afterEach, describe, expect, it } from 'vitest';
import { createGraphAdapters } from '../../adapters/graph/create-graph-adapters.js';
import { UpstreamRejected, UpstreamThrottled, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import { DEMO_USERS } from '../../sandbox/index.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

let upstream: SandboxUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const readTags = { operation: 'list scope tags', method: 'GET' as const, path: '/deviceManagement/roleScopeTags' };

describe('Graph client against the sandbox', () => {
  it('gets a token, then calls Graph over HTTPS with a Bearer and a client-request-id', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    await upstream.http.send(readTags);
    const log = await upstream.requests();
    const tokenIndex = log.findIndex((entry) => entry.method === 'POST' && entry.path.endsWith('/oauth2/v2.0/token'));
    const graphIndex = log.findIndex((entry) => entry.path === '/graph/beta/deviceManagement/roleScopeTags');
    expect(tokenIndex).toBeGreaterThanOrEqual(0);
    expect(graphIndex).toBeGreaterThan(tokenIndex);
    expect(log[graphIndex]).toMatchObject({ status: 200, authorization: { scheme: 'Bearer' } });
    expect(log[graphIndex]?.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstream.sandbox.url).toMatch(/^https:/);
  });

  it('retries a 429 with Retry-After: 2 after at least 2 s, and not before', async () => {
    upstream = await sandboxUpstream({
      scenario: 'ready',
      faults: 'route=/graph/beta/deviceManagement/*;kind=429;retryAfter=2;rate=1;count=1',
    });
    const started = Date.now();
    await upstream.http.send(readTags);
    const elapsed = Date.now() - started;
    const calls = (await upstream.requests()).filter(
      (entry) => entry.path === '/graph/beta/deviceManagement/roleScopeTags',
    );
    expect(calls.map((entry) => entry.status)).toEqual([429, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('ends a call that keeps failing in one domain error within the configured bound', async () => {
    upstream = await sandboxUpstream(
      { scenario: 'ready', faults: 'route=/graph/beta/deviceManagement/*;kind=503;rate=1' },
      1500,
    );
    const started = Date.now();
    const error = await upstream.http.send(readTags).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailable);
    expect(Date.now() - started).toBeLessThan(10_000);
    const throttled = await sandboxUpstream(
      { scenario: 'ready', faults: 'route=/graph/beta/deviceManagement/*;kind=429;retryAfter=1;rate=1' },
      1500,
    );
    try {
      await expect(throttled.http.send(readTags)).rejects.toBeInstanceOf(UpstreamThrottled);
    } finally {
      await throttled.close();
    }
  });

  it('maps a 400 to UpstreamRejected with the service message and the request id', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    const error = await upstream.http
      .send({ operation: 'bad filter', method: 'GET', path: '/groups', query: { $filter: 'nonsense eq eq' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamRejected);
    expect((error as UpstreamRejected).failure).toMatchObject({ status: 400, serviceMessage: expect.any(String) });
    expect((error as UpstreamRejected).failure.requestId).toBeTruthy();
  });
});

describe('Graph adapters against the sandbox', () => {
  it('pages synced collections to the end and sends policy summaries in batches of 20', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    const adapters = createGraphAdapters({ client: upstream.client, logger: silentLogger, clock: systemClock });
    const collections = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await adapters.intuneCollections.listSyncedCollections(
        cursor === undefined ? { pageSize: 1 } : { cursor },
      );
      collections.push(...page.items);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined);
    const all = await upstream.http.getAll({ operation: 'all', path: '/deviceManagement/configManagerCollections' });
    expect(collections.length).toBeGreaterThan(1);
    expect(collections).toHaveLength(all.length);
    expect(new Set(collections.map((collection) => collection.collectionId)).size).toBe(collections.length);
    expect(pages).toBe(collections.length);

    await upstream.control('DELETE', '/requests');
    const ids = Array.from({ length: 45 }, (_, index) => `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`);
    const outcomes = await adapters.intuneCollections.getPolicySummaries(ids);
    expect(outcomes).toHaveLength(45);
    expect(outcomes.every((outcome) => !outcome.ok)).toBe(true);
    const batches = (await upstream.requests()).filter((entry) => entry.path === '/graph/beta/$batch');
    expect(batches).toHaveLength(3);
  });

  it('answers directory questions', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    const { directory } = createGraphAdapters({ client: upstream.client, logger: silentLogger, clock: systemClock });
    expect(await directory.isGlobalAdministrator(DEMO_USERS.admin.id)).toBe(true);
    expect(await directory.isGlobalAdministrator(DEMO_USERS.plainUser.id)).toBe(false);
    expect(await directory.getUser(DEMO_USERS.admin.id)).toMatchObject({
      userPrincipalName: DEMO_USERS.admin.userPrincipalName,
    });
    expect(await directory.getUser('00000000-0000-0000-0000-0000000000ff')).toBeUndefined();
    expect(Array.isArray(await directory.transitiveGroupIds(DEMO_USERS.admin.id))).toBe(true);
  });
});
