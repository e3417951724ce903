import { type Context, GraphClientError, type Middleware } from '@microsoft/microsoft-graph-client';

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
    try {
      context.response = await fetch(context.request, { ...context.options, signal } as RequestInit);
    } catch (error) {
      const wrapped = new GraphClientError(error instanceof Error ? error.message : 'fetch failed');
      wrapped.customError = error;
      throw wrapped;
    }
  }
}
