import { describe, expect, it } from 'vitest';
import { UpstreamRejected, UpstreamThrottled, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import { fakeGraphHttp, jsonResponse } from './fake-graph-client.js';

const setup = fakeGraphHttp;

const get = { operation: 'test read', method: 'GET' as const, path: '/deviceManagement/roleScopeTags' };

describe('graph-http retries', () => {
  it('waits exactly Retry-After, then succeeds', async () => {
    let calls = 0;
    const { http, clock, seen } = setup(() =>
      ++calls === 1 ? jsonResponse(429, {}, { 'retry-after': '2' }) : jsonResponse(200, { ok: 1 }),
    );
    const reply = await http.send(get);
    expect(reply.body).toEqual({ ok: 1 });
    expect(clock.sleeps).toEqual([2000]);
    expect(seen[0]?.url).toBe('https://graph.test/beta/deviceManagement/roleScopeTags');
  });

  it('uses a fresh client-request-id on every attempt', async () => {
    let calls = 0;
    const { http, seen } = setup(() => (++calls === 1 ? jsonResponse(503, {}) : jsonResponse(200, {})));
    await http.send(get);
    const ids = seen.map((request) => request.headers['client-request-id']);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('backs off exponentially when no Retry-After comes', async () => {
    let calls = 0;
    const { http, clock } = setup(() => (++calls <= 3 ? jsonResponse(504, {}) : jsonResponse(200, {})));
    await http.send(get);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('ends in one UpstreamThrottled with the request id once the budget would be overrun', async () => {
    const { http, clock } = setup(() => jsonResponse(429, {}, { 'retry-after': '4', 'request-id': 'req-9' }), 10_000);
    const error = await http.send(get).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamThrottled);
    expect((error as UpstreamThrottled).failure.requestId).toBe('req-9');
    expect((error as UpstreamThrottled).attempts).toBe(3);
    expect(clock.sleeps).toEqual([4000, 4000]);
  });

  it('maps a persistent 503 to UpstreamUnavailable', async () => {
    const { http } = setup(
      () => jsonResponse(503, { error: { code: 'ServiceUnavailable', message: 'try later' } }),
      3000,
    );
    await expect(http.send(get)).rejects.toBeInstanceOf(UpstreamUnavailable);
  });

  it('does not retry a 400 and surfaces the service message', async () => {
    const { http, seen } = setup(() =>
      jsonResponse(400, {
        error: { code: 'BadRequest', message: 'Invalid filter', innerError: { 'request-id': 'r-400' } },
      }),
    );
    const error = await http.send(get).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamRejected);
    expect((error as UpstreamRejected).failure).toMatchObject({
      status: 400,
      serviceMessage: 'Invalid filter',
      requestId: 'r-400',
    });
    expect(seen).toHaveLength(1);
  });
});

describe('graph-http Intune errors', () => {
  it('surfaces the nested Intune message and Activity ID on the domain error', async () => {
    const message = JSON.stringify({
      _version: 3,
      Message:
        'An internal server error has occurred - Activity ID: 7b0b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b - Url: https://x',
      RetryAfter: null,
    });
    const { http } = setup(() =>
      jsonResponse(500, { error: { code: 'InternalServerError', message } }, { 'request-id': 'r-500' }),
    );
    const error = await http.send(get).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailable);
    expect((error as UpstreamUnavailable).failure).toMatchObject({
      requestId: 'r-500',
      activityId: '7b0b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      serviceMessage: expect.stringMatching(/^An internal server error has occurred/),
    });
    expect((error as Error).message).toContain('activity id 7b0b8a4e');
  });
});

describe('graph-http paging', () => {
  it('follows @odata.nextLink to the end', async () => {
    const { http, seen } = setup((request) =>
      request.url.includes('skiptoken=2')
        ? jsonResponse(200, { value: [3] })
        : jsonResponse(200, { value: [1, 2], '@odata.nextLink': 'https://graph.test/beta/groups?$skiptoken=2' }),
    );
    expect(await http.getAll({ operation: 'list', path: '/groups' })).toEqual([1, 2, 3]);
    expect(seen.map((request) => request.url)).toEqual([
      'https://graph.test/beta/groups',
      'https://graph.test/beta/groups?$skiptoken=2',
    ]);
  });

  it('encodes query values but keeps OData keys', async () => {
    const { http, seen } = setup(() => jsonResponse(200, { value: [] }));
    await http.getAll({ operation: 'find', path: '/groups', query: { $filter: "displayName eq 'R&D #1'" } });
    expect(seen[0]?.url).toBe(
      `https://graph.test/beta/groups?$filter=${encodeURIComponent("displayName eq 'R&D #1'")}`,
    );
  });
});

describe('graph-http $batch', () => {
  it('sends 45 requests as batches of 20, 20 and 5', async () => {
    const { http, seen } = setup((request) => {
      const { requests } = request.body as { requests: { id: string }[] };
      return jsonResponse(200, {
        responses: [...requests].reverse().map((item) => ({ id: item.id, status: 200, body: { n: Number(item.id) } })),
      });
    });
    const ids = Array.from({ length: 45 }, (_, index) => String(index + 1));
    const outcomes = await http.batch(
      'batch',
      ids.map((id) => ({ id, method: 'GET' as const, url: `x/${id}` })),
    );
    expect(seen.map((request) => (request.body as { requests: unknown[] }).requests.length)).toEqual([20, 20, 5]);
    expect(outcomes.map((outcome) => outcome.id)).toEqual(ids);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it('retries only the throttled items, after the largest of their Retry-After values', async () => {
    let round = 0;
    const { http, seen, clock } = setup((request) => {
      round += 1;
      const { requests } = request.body as { requests: { id: string }[] };
      return jsonResponse(200, {
        responses: requests.map((item) =>
          round === 1 && item.id !== '1'
            ? { id: item.id, status: 429, headers: { 'Retry-After': item.id === '2' ? '1' : '3' }, body: {} }
            : { id: item.id, status: 200, body: { id: item.id } },
        ),
      });
    });
    const outcomes = await http.batch(
      'batch',
      ['1', '2', '3'].map((id) => ({ id, method: 'GET' as const, url: `x/${id}` })),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect((seen[1]?.body as { requests: { id: string }[] }).requests.map((item) => item.id)).toEqual(['2', '3']);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('reports a non-retryable item failure without failing the others', async () => {
    const { http } = setup((request) => {
      const { requests } = request.body as { requests: { id: string }[] };
      return jsonResponse(200, {
        responses: requests.map((item) =>
          item.id === '2'
            ? { id: '2', status: 404, body: { error: { code: 'NotFound', message: 'gone' } } }
            : { id: item.id, status: 200, body: {} },
        ),
      });
    });
    const outcomes = await http.batch(
      'batch',
      ['1', '2'].map((id) => ({ id, method: 'GET' as const, url: `x/${id}` })),
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
  });
});
