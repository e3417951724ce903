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
