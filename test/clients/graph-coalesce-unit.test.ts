import { describe, expect, it } from 'vitest';
import type { GraphCall } from '../../adapters/graph/graph-http.js';
import { UpstreamResponseInvalid } from '../../core/errors/upstream-error.js';
import { fakeGraphHttp, jsonResponse, networkError, type Responder, type SeenRequest } from './fake-graph-client.js';

interface WireItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

const setup = fakeGraphHttp;

const itemsOf = (request: SeenRequest | undefined): WireItem[] =>
  (request?.body as { requests?: WireItem[] } | undefined)?.requests ?? [];
const isBatch = (request: SeenRequest) => request.method === 'POST' && request.url.endsWith('/$batch');
/** Answers a direct GET with its own url, and each item of a $batch with its url, in reverse order. */
const echo: Responder = (request) =>
  isBatch(request)
    ? jsonResponse(200, {
        responses: [...itemsOf(request)]
          .reverse()
          .map((item) => ({ id: item.id, status: 200, headers: {}, body: { url: item.url } })),
      })
    : jsonResponse(200, { url: request.url });
const read = (path: string): GraphCall => ({ operation: `read ${path}`, method: 'GET', path });

describe('graph reads coalesced under the retry layer (fake transport)', () => {
  it('maps answers that come back in reverse order to their callers by id', async () => {
    const { http, seen } = setup(echo);
    const replies = await Promise.all(['a', 'b', 'c'].map((name) => http.send(read(`/x/${name}`))));
    expect(replies.map((reply) => reply.body)).toEqual([{ url: 'x/a' }, { url: 'x/b' }, { url: 'x/c' }]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('https://graph.test/beta/$batch');
    expect(itemsOf(seen[0]).map((item) => item.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('meets reads issued behind different numbers of awaits in the same turn', async () => {
    const { http, seen } = setup(echo);
    const later = async (depth: number, path: string) => {
      for (let step = 0; step < depth; step += 1) await Promise.resolve();
      return http.send(read(path));
    };
    await Promise.all([later(0, '/x/a'), later(5, '/x/b'), later(20, '/x/c')]);
    expect(seen.map((request) => itemsOf(request).length)).toEqual([3]);
  });

  it('never batches writes, explicit $batch calls or absolute nextLinks', async () => {
    const { http, seen } = setup((request) =>
      isBatch(request) && itemsOf(request).every((item) => item.url.startsWith('x/'))
        ? echo(request)
        : isBatch(request)
          ? jsonResponse(200, { responses: itemsOf(request).map((item) => ({ id: item.id, status: 200, body: {} })) })
          : jsonResponse(200, { value: [] }),
    );
    await Promise.all([
      http.send(read('/x/a')),
      http.send(read('/x/b')),
      http.send({ operation: 'create', method: 'POST', path: '/things', body: { n: 1 } }),
      http.send({ operation: 'update', method: 'PATCH', path: '/things/1', body: { n: 2 } }),
      http.batch('explicit', [{ id: '1', method: 'GET', url: 'reports/1' }]),
      http.getPage({ operation: 'page 2', path: '/x' }, 'https://graph.test/beta/x?$skiptoken=2'),
    ]);
    const direct = seen.filter((request) => !isBatch(request)).map((request) => `${request.method} ${request.url}`);
    expect(direct.sort()).toEqual([
      'GET https://graph.test/beta/x?$skiptoken=2',
      'PATCH https://graph.test/beta/things/1',
      'POST https://graph.test/beta/things',
    ]);
    const batches = seen.filter(isBatch).map((request) => itemsOf(request).map((item) => item.url));
    expect(batches.sort()).toEqual([['reports/1'], ['x/a', 'x/b']]);
  });

  it('hands the $batch 429 with its Retry-After to every item, which each wait it and try again', async () => {
    let batches = 0;
    const { http, seen, clock } = setup((request) =>
      isBatch(request) && ++batches === 1 ? jsonResponse(429, {}, { 'retry-after': '3' }) : echo(request),
    );
    const replies = await Promise.all(['a', 'b'].map((name) => http.send(read(`/x/${name}`))));
    expect(replies.map((reply) => reply.body)).toEqual([{ url: 'x/a' }, { url: 'x/b' }]);
    expect(clock.sleeps).toEqual([3000, 3000]);
    expect(seen).toHaveLength(2);
  });

  it('fails each item’s attempt with a reset of the $batch, with the item’s own client-request-id, then retries', async () => {
    let batches = 0;
    const { http, seen } = setup((request) =>
      isBatch(request) && ++batches === 1 ? networkError('ECONNRESET') : echo(request),
    );
    const replies = await Promise.all(['a', 'b'].map((name) => http.send(read(`/x/${name}`))));
    expect(replies.map((reply) => reply.body)).toEqual([{ url: 'x/a' }, { url: 'x/b' }]);
    const firstIds = itemsOf(seen[0]).map((item) => item.headers['client-request-id']);
    const batchId = seen[0]?.headers['client-request-id'];
    expect(new Set([...firstIds, batchId]).size).toBe(3);
    expect(replies.map((reply) => reply.clientRequestId)).not.toContain(firstIds[0]);
  });

  it('gives a caller whose item is missing from the answer a domain error, and the others their answers', async () => {
    const { http } = setup((request) =>
      jsonResponse(200, {
        responses: itemsOf(request)
          .filter((item) => item.id !== '2')
          .map((item) => ({ id: item.id, status: 200, body: { url: item.url } })),
      }),
    );
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((name) => http.send(read(`/x/${name}`))));
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(UpstreamResponseInvalid);
  });
});
