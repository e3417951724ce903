import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/index.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

type BatchResponse = {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body: unknown }>;
};
const userRequests = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${DEMO_USERS.admin.id}` }));

describe('$batch', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('refuses more than 20 requests', async () => {
    c = await sandboxClient();
    const res = await c.graph('POST', '/$batch', { requests: userRequests(21) });
    expect(res.status).toBe(400);
  });

  it('answers every item, in a seeded shuffled order', async () => {
    c = await sandboxClient({ seed: 3 });
    const body = (await c.graph('POST', '/$batch', { requests: userRequests(20) })).json<BatchResponse>();
    expect(body.responses.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(
      userRequests(20).map((r) => r.id),
    );
    expect(body.responses.map((r) => r.id)).not.toEqual(userRequests(20).map((r) => r.id));
    expect(body.responses.every((r) => r.status === 200)).toBe(true);
  });

  it('throttles a fraction of items with their own Retry-After', async () => {
    c = await sandboxClient({ faults: 'route=/graph/beta/users/*;kind=batch429;rate=0.5;retryAfter=4' });
    const body = (await c.graph('POST', '/$batch', { requests: userRequests(20) })).json<BatchResponse>();
    const throttled = body.responses.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.length).toBeLessThan(20);
    expect(throttled.every((r) => r.headers['Retry-After'] === '4')).toBe(true);
  });

  it('applies every status fault kind to the matching items only, as a direct request would get it', async () => {
    c = await sandboxClient({
      faults:
        'route=/graph/beta/groups;kind=429;retryAfter=3 | route=/graph/beta/deviceManagement/roleScopeTags;kind=503;count=1',
    });
    const requests = [
      { id: 'a', method: 'GET', url: '/groups' },
      { id: 'b', method: 'GET', url: 'deviceManagement/roleScopeTags' },
      { id: 'c', method: 'GET', url: `/users/${DEMO_USERS.admin.id}` },
    ];
    const res = await c.graph('POST', '/$batch', { requests });
    expect(res.status).toBe(200);
    const byId = new Map(res.json<BatchResponse>().responses.map((r) => [r.id, r]));
    expect(byId.get('a')).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
    expect(byId.get('a')?.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(byId.get('b')).toMatchObject({ status: 503, body: { error: { code: 'ServiceUnavailable' } } });
    expect(byId.get('c')?.status).toBe(200);
    const rules = (await c.control('GET', '/faults')).json<{ rules: { fired: number }[] }>().rules;
    expect(rules.map((rule) => rule.fired)).toEqual([1, 1]);
    const direct = await c.graph('GET', '/groups');
    expect(direct.status).toBe(429);
    expect(direct.headers['retry-after']).toBe('3');
  });

  it('applies a reset aimed at an item to the whole batch exchange', async () => {
    c = await sandboxClient({ faults: 'route=/graph/beta/groups;kind=reset;count=1;method=GET' });
    const requests = [
      { id: '1', method: 'GET', url: '/groups' },
      { id: '2', method: 'GET', url: `/users/${DEMO_USERS.admin.id}` },
    ];
    await expect(c.graph('POST', '/$batch', { requests })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await c.graph('POST', '/$batch', { requests })).status).toBe(200);
  });

  it('logs each item as a request of its own, marked inBatch, with its client-request-id', async () => {
    c = await sandboxClient();
    await c.control('DELETE', '/requests');
    const requests = [
      { id: '1', method: 'GET', url: '/groups?$top=2', headers: { 'client-request-id': 'item-1' } },
      { id: '2', method: 'GET', url: '/nowhere/at/all', headers: { 'client-request-id': 'item-2' } },
    ];
    await c.graph('POST', '/$batch', { requests }, { 'client-request-id': 'the-batch' });
    const log = (await c.control('GET', '/requests'))
      .json<{
        requests: Array<{ path: string; query: string; status: number; clientRequestId: string; inBatch?: boolean }>;
      }>()
      .requests.filter((entry) => entry.path.startsWith('/graph/'));
    expect(
      log.map(({ path, query, status, clientRequestId, inBatch }) => ({
        path,
        query,
        status,
        clientRequestId,
        inBatch,
      })),
    ).toEqual([
      { path: '/graph/beta/$batch', query: '', status: 200, clientRequestId: 'the-batch', inBatch: undefined },
      { path: '/graph/beta/groups', query: '?$top=2', status: 200, clientRequestId: 'item-1', inBatch: true },
      { path: '/graph/beta/nowhere/at/all', query: '', status: 404, clientRequestId: 'item-2', inBatch: true },
    ]);
  });
});

describe('faults', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('429 with Retry-After for `count` matches, then normal answers', async () => {
    c = await sandboxClient({ faults: 'route=/graph/beta/deviceManagement/*;kind=429;retryAfter=2;rate=1;count=2' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await c.graph('GET', '/deviceManagement/roleScopeTags');
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers['retry-after']).toBe('2');
    }
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('control API adds 503 without Retry-After, resets connections and bounded timeouts', async () => {
    c = await sandboxClient();
    await c.control('POST', '/faults', { spec: 'route=/graph/beta/groups;kind=503;count=1' });
    const unavailable = await c.graph('GET', '/groups');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBeUndefined();
    expect((await c.graph('GET', '/groups')).status).toBe(200);
    await c.control('POST', '/faults', { spec: 'route=/graph/beta/users/*;kind=reset;count=1' });
    await expect(c.graph('GET', `/users/${DEMO_USERS.admin.id}`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await c.control('POST', '/faults', { spec: 'route=/graph/beta/roleManagement/*;kind=timeout;ms=200' });
    await expect(c.graph('GET', '/roleManagement/directory/roleAssignments')).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect((await c.control('GET', '/faults')).json<{ rules: unknown[] }>().rules).toHaveLength(3);
    expect((await c.control('DELETE', '/faults')).status).toBe(204);
    expect((await c.graph('GET', '/roleManagement/directory/roleAssignments')).status).toBe(200);
  });

  it('logs requests without tokens', async () => {
    c = await sandboxClient();
    await c.graph('GET', '/deviceManagement/roleScopeTags', undefined, { 'client-request-id': 'log-me' });
    const log = (await c.control('GET', '/requests')).json<{
      requests: Array<{
        path: string;
        status: number;
        clientRequestId: string;
        authorization: { present: boolean; scheme: string };
      }>;
    }>();
    const entry = log.requests.find((r) => r.clientRequestId === 'log-me');
    expect(entry).toMatchObject({
      path: '/graph/beta/deviceManagement/roleScopeTags',
      status: 200,
      authorization: { present: true, scheme: 'Bearer' },
    });
    expect(JSON.stringify(log)).not.toContain(await c.token());
  });
});
