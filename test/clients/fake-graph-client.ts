import { Client, GraphClientError } from '@microsoft/microsoft-graph-client';
import { createGraphHttp } from '../../adapters/graph/graph-http.js';
import type { Clock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** An Error stands for a network failure; it reaches the SDK wrapped as adapters/graph/timed-fetch-handler.ts wraps it. */
export type Responder = (request: SeenRequest) => Response | Error;

/** A real SDK Client whose only middleware answers from `respond`: the transport is faked, nothing is mocked. */
export function fakeGraphClient(respond: Responder): { client: Client; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const client = Client.initWithMiddleware({
    baseUrl: 'https://graph.test/',
    middleware: {
      async execute(context) {
        const url = typeof context.request === 'string' ? context.request : context.request.url;
        const headers = Object.fromEntries(
          Object.entries((context.options?.headers ?? {}) as Record<string, string>).map(([k, v]) => [
            k.toLowerCase(),
            v,
          ]),
        );
        const rawBody = context.options?.body;
        const request = {
          method: context.options?.method ?? 'GET',
          url,
          headers,
          body: typeof rawBody === 'string' ? JSON.parse(rawBody) : undefined,
        };
        seen.push(request);
        const answer = respond(request);
        if (answer instanceof Error) {
          const wrapped = new GraphClientError('fetch failed');
          wrapped.customError = answer;
          throw wrapped;
        }
        context.response = answer;
      },
    },
  });
  return { client, seen };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A clock that only moves when something sleeps, so retry schedules are exact and instant. */
export function manualClock(start = Date.parse('2024-05-01T10:00:00Z')): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A Node network error as fetch reports it: a TypeError whose cause carries the code. */
export function networkError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

/**
 * The real GraphHttp over a fake client and a manual clock: retries with 1 s base and 8 s cap back-off, no jitter
 * (`random` = 1), within `maxTotalMs`.
 */
export function fakeGraphHttp(respond: Responder, maxTotalMs = 60_000) {
  const { client, seen } = fakeGraphClient(respond);
  const clock = manualClock();
  const http = createGraphHttp({
    client,
    logger: silentLogger,
    clock,
    retry: { maxTotalMs, baseDelayMs: 1000, maxDelayMs: 8000 },
    random: () => 1,
  });
  return { http, seen, clock };
}
