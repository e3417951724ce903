import { type Context, GraphClientError, type Middleware } from '@microsoft/microsoft-graph-client';
import { inUpstreamSpan } from '../telemetry/upstream-span.js';

/**
 * The last middleware of the Graph client, in place of the SDK's HTTPMessageHandler: the same `fetch`, bounded by
 * `timeoutMs` (headers and body alike). A failure is rethrown as a GraphClientError carrying the original error, which
 * the SDK passes through untouched, so graph-send-once.ts can still see the Node error code (ECONNREFUSED versus
 * ECONNRESET decides whether a write may be repeated).
 */
export class TimedFetchHandler implements Middleware {
  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = (context.options?.method ?? 'GET').toUpperCase();
    try {
      context.response = await inUpstreamSpan(
        { upstream: 'graph', method, path: url, attributes: batchSize(url, context.options?.body) },
        () => fetch(context.request, { ...context.options, signal } as RequestInit),
        (response) => response.status,
      );
    } catch (error) {
      const wrapped = new GraphClientError(error instanceof Error ? error.message : 'fetch failed');
      wrapped.customError = error;
      throw wrapped;
    }
  }
}

/** How many requests a `$batch` carries (its body is JSON `{requests: [...]}`); nothing for other requests. */
function batchSize(url: string, body: unknown): Record<string, number> {
  if (!/\/\$batch(?:$|\?)/.test(url) || typeof body !== 'string') return {};
  try {
    const requests = (JSON.parse(body) as { requests?: unknown }).requests;
    return Array.isArray(requests) ? { 'graph.batch.size': requests.length } : {};
  } catch {
    return {};
  }
}
