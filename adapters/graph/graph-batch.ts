import { type BatchItemReply, batchReplySchema, itemHeader } from './batch-reply.js';
import { mapBounded } from '../../core/compliance/map-bounded.js';
import { type UpstreamError, UpstreamResponseInvalid } from '../../core/errors/upstream-error.js';
import type { GraphMethod } from './graph-call.js';
import { toUpstreamError } from './graph-failure.js';
import { nextDelay, sendWithRetry } from './graph-retry.js';
import type { GraphRuntime } from './graph-runtime.js';
import { parseReply } from './parse-reply.js';
import { retryableStatuses } from '../transient/retry-delay.js';

/** Graph accepts at most 20 requests per $batch (graph-intune.md §7.2). */
export const BATCH_LIMIT = 20;

export interface BatchRequest {
  readonly id: string;
  readonly method: GraphMethod;
  /** Relative to the version root, without a leading slash. */
  readonly url: string;
  readonly body?: unknown;
}

export type BatchOutcome =
  | { readonly id: string; readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly id: string; readonly ok: false; readonly error: UpstreamError };

/** $batch calls of one operation in flight at once: 100 policies are one round trip, well inside Intune's limits. */
export const BATCH_CONCURRENCY = 5;

/**
 * Sends the requests in chunks of 20, up to BATCH_CONCURRENCY chunks at a time; items answered 429/502/503/504 are
 * retried by themselves, honouring their own Retry-After. Only batches of GETs are sent here (a write inside a batch
 * would need the unknown-outcome path).
 */
export async function sendBatch(
  runtime: GraphRuntime,
  operation: string,
  requests: readonly BatchRequest[],
): Promise<BatchOutcome[]> {
  const chunks: BatchRequest[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_LIMIT)
    chunks.push(requests.slice(start, start + BATCH_LIMIT));
  const answered = await mapBounded(chunks, BATCH_CONCURRENCY, (chunk) => sendChunk(runtime, operation, chunk));
  const outcomes = new Map(answered.flat().map((outcome) => [outcome.id, outcome]));
  return requests.map((request) => outcomes.get(request.id) ?? missing(operation, request.id));
}

async function sendChunk(
  runtime: GraphRuntime,
  operation: string,
  chunk: readonly BatchRequest[],
): Promise<BatchOutcome[]> {
  const startedAt = runtime.clock.now().getTime();
  const outcomes: BatchOutcome[] = [];
  let pending = chunk;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const reply = await sendWithRetry(runtime, {
      operation,
      method: 'POST',
      path: '/$batch',
      body: { requests: pending.map(toWire) },
      readOnly: pending.every((request) => request.method === 'GET'),
    });
    const byId = new Map(parseReply(batchReplySchema, reply, operation).responses.map((item) => [item.id, item]));
    const retry: { request: BatchRequest; item: BatchItemReply }[] = [];
    for (const request of pending) {
      const item = byId.get(request.id);
      if (item === undefined) outcomes.push(missing(operation, request.id));
      else if (item.status < 400) outcomes.push({ id: request.id, ok: true, status: item.status, body: item.body });
      else if (retryableStatuses.has(item.status)) retry.push({ request, item });
      else outcomes.push(failed(operation, request.id, item, reply.clientRequestId, attempt));
    }
    const delay = Math.max(0, ...retry.map(({ item }) => nextDelay(runtime, itemHeader(item, 'retry-after'), attempt)));
    const overBudget = runtime.clock.now().getTime() - startedAt + delay > runtime.policy.maxTotalMs;
    if (retry.length > 0 && overBudget) {
      outcomes.push(
        ...retry.map(({ request, item }) => failed(operation, request.id, item, reply.clientRequestId, attempt)),
      );
      break;
    }
    if (retry.length > 0) {
      runtime.logger.warn(
        { operation, retrying: retry.length, attempt, delayMs: delay },
        'graph batch items will be retried',
      );
      await runtime.clock.sleep(delay);
    }
    pending = retry.map(({ request }) => request);
  }
  return outcomes;
}

function toWire(request: BatchRequest): Record<string, unknown> {
  return request.body === undefined
    ? { id: request.id, method: request.method, url: request.url }
    : {
        id: request.id,
        method: request.method,
        url: request.url,
        headers: { 'Content-Type': 'application/json' },
        body: request.body,
      };
}

function failed(
  operation: string,
  id: string,
  item: BatchItemReply,
  clientRequestId: string,
  attempts: number,
): BatchOutcome {
  const requestId = itemHeader(item, 'request-id');
  const reply = {
    status: item.status,
    body: item.body,
    clientRequestId,
    ...(requestId === undefined ? {} : { requestId }),
  };
  return { id, ok: false, error: toUpstreamError(operation, reply, attempts) };
}

function missing(operation: string, id: string): BatchOutcome {
  return {
    id,
    ok: false,
    error: new UpstreamResponseInvalid({ upstream: 'graph', operation }, `no response for batch item ${id}`),
  };
}
