import { describe, expect, it } from 'vitest';
import { UpstreamOutcomeUnknown, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import { fakeGraphHttp, jsonResponse, networkError, type Responder } from './fake-graph-client.js';

const setup = fakeGraphHttp;

/** Fails the first `times` calls with `failure`, then answers 200. */
function failing(times: number, failure: () => Response | Error): Responder {
  let calls = 0;
  return () => (++calls <= times ? failure() : jsonResponse(201, { id: 'p-1' }));
}

const read = { operation: 'read policy', method: 'GET' as const, path: '/deviceManagement/configurationPolicies/p-1' };
const create = {
  operation: 'create policy',
  method: 'POST' as const,
  path: '/deviceManagement/configurationPolicies',
  body: { name: 'x' },
};

describe('graph-http transient failures on reads', () => {
  it.each([
    ['a connection reset', () => networkError('ECONNRESET')],
    [
      'a socket timeout',
      () => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
    ],
    ['a DNS failure', () => networkError('EAI_AGAIN')],
    ['a 502', () => jsonResponse(502, {})],
    ['a 504', () => jsonResponse(504, {})],
  ])('retries %s on a GET with the jittered backoff, then answers', async (_name, failure) => {
    const { http, seen, clock } = setup(failing(2, failure));
    const reply = await http.send(read);
    expect(reply.status).toBe(201);
    expect(seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('retries a reset on a $batch of GETs (a POST that only reads)', async () => {
    let calls = 0;
    const { http, seen } = setup(() =>
      ++calls === 1
        ? networkError('ECONNRESET')
        : jsonResponse(200, { responses: [{ id: '1', status: 200, body: { n: 1 } }] }),
    );
    const outcomes = await http.batch('summaries', [{ id: '1', method: 'GET', url: 'x/1' }]);
    expect(seen).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ ok: true, body: { n: 1 } });
  });

  it('gives up within the budget with one UpstreamUnavailable naming the network code', async () => {
    const { http } = setup(() => networkError('ECONNRESET'), 5000);
    const error = await http.send(read).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamUnavailable);
    expect((error as Error).message).toContain('ECONNRESET');
  });
});

describe('graph-http transient failures on writes', () => {
  it.each([
    ['a reset', () => networkError('ECONNRESET')],
    ['a timeout', () => Object.assign(new Error('aborted'), { name: 'TimeoutError' })],
    ['a 503', () => jsonResponse(503, {})],
    ['a 504', () => jsonResponse(504, {})],
    ['a 502', () => jsonResponse(502, {})],
  ])('never repeats a POST after %s: the outcome is unknown', async (_name, failure) => {
    const { http, seen } = setup(failing(1, failure));
    await expect(http.send(create)).rejects.toBeInstanceOf(UpstreamOutcomeUnknown);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['a refused connection', () => networkError('ECONNREFUSED')],
    ['a name that does not resolve', () => networkError('ENOTFOUND')],
    ['a 429', () => jsonResponse(429, {})],
  ])('repeats a POST after %s: the service never took it', async (_name, failure) => {
    const { http, seen } = setup(failing(2, failure));
    expect((await http.send(create)).status).toBe(201);
    expect(seen).toHaveLength(3);
  });

  it('records every attempt of a write before it is sent', async () => {
    const events: string[] = [];
    const { http } = setup((request) => {
      events.push(`sent ${request.method}`);
      return events.length < 3 ? jsonResponse(429, {}, { 'retry-after': '1' }) : jsonResponse(201, { id: 'p-1' });
    });
    await http.send({ ...create, beforeSend: async () => void events.push('recorded') });
    expect(events).toEqual(['recorded', 'sent POST', 'recorded', 'sent POST']);
  });
});
