import type { Client } from '@microsoft/microsoft-graph-client';
import { type BatchItemReply, batchReplySchema, itemHeader } from './batch-reply.js';
import { UpstreamResponseInvalid } from '../../core/errors/upstream-error.js';
import type { Logger } from '../../core/ports/logger.js';
import { type GraphCall, type GraphReply, isAbsoluteUrl, pathWithQuery } from './graph-call.js';
import { GraphNoAnswer, noResponseError, readReply, sendOnce, sendRaw } from './graph-send-once.js';

/** One HTTP attempt of one call, as the retry layer (graph-retry.ts) sees it: a reply, or what a direct attempt throws. */
export type GraphExchange = (call: GraphCall, clientRequestId: string) => Promise<GraphReply>;

/** Graph accepts at most 20 requests per $batch (graph-intune.md §7.2). */
export const COALESCE_LIMIT = 20;

interface Pending {
  readonly call: GraphCall;
  readonly clientRequestId: string;
  readonly resolve: (reply: GraphReply) => void;
  readonly reject: (error: unknown) => void;
}

export interface CoalescerDeps {
  readonly client: Client;
  readonly logger: Logger;
  readonly newClientRequestId: () => string;
}

/**
 * Independent Graph reads share one `$batch` (graph-intune.md §7.2). A GET with a path under the version root waits
 * for the rest of the current turn of the event loop (`setImmediate`: it runs once the microtasks of the work that
 * issued it have drained, so reads started together behind different numbers of `await`s still meet, and no timer
 * adds latency); then up to 20 such reads go out as one `POST /$batch`, more as several batches side by side, and a
 * read alone goes out as itself. Each item's status, headers and body come back as that call's own reply, so the retry
 * layer above treats it exactly like a direct answer; when the batch itself fails, every item's attempt fails the way
 * a direct request would have. Writes, explicit `$batch` calls and absolute `@odata.nextLink` URLs are sent directly.
 */
export function createCoalescingExchange(deps: CoalescerDeps): GraphExchange {
  let pending: Pending[] = [];
  const flush = () => {
    const taken = pending;
    pending = [];
    for (let start = 0; start < taken.length; start += COALESCE_LIMIT)
      void sendChunk(deps, taken.slice(start, start + COALESCE_LIMIT));
  };
  return (call, clientRequestId) => {
    if (!canShareBatch(call)) return sendOnce(deps.client, call, clientRequestId);
    return new Promise<GraphReply>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ call, clientRequestId, resolve, reject });
    });
  };
}

/**
 * Only reads whose URL a batch item can carry: GETs relative to the version root. A paging `@odata.nextLink` is an
 * absolute, opaque URL the service chose (its host and version are not ours to rewrite), and each next page waits for
 * the page before it, so it rarely has company in its turn: it goes out directly.
 */
export function canShareBatch(call: GraphCall): boolean {
  return call.method === 'GET' && !isAbsoluteUrl(call.path) && call.body === undefined && call.beforeSend === undefined;
}

async function sendChunk(deps: CoalescerDeps, chunk: readonly Pending[]): Promise<void> {
  const [only] = chunk;
  if (chunk.length === 1 && only) {
    await sendOnce(deps.client, only.call, only.clientRequestId).then(only.resolve, only.reject);
    return;
  }
  try {
    await sendBatchOf(deps, chunk);
  } catch (error) {
    for (const item of chunk) item.reject(error);
  }
}

async function sendBatchOf(deps: CoalescerDeps, chunk: readonly Pending[]): Promise<void> {
  const batchClientRequestId = deps.newClientRequestId();
  const batchCall: GraphCall = {
    operation: `graph batch of ${chunk.length} reads`,
    method: 'POST',
    path: '/$batch',
    body: { requests: chunk.map(toItem) },
    readOnly: true,
  };
  let outer: GraphReply;
  try {
    outer = await readReply(await sendRaw(deps.client, batchCall, batchClientRequestId), batchClientRequestId);
  } catch (error) {
    for (const item of chunk) item.reject(asItemFailure(error, item));
    return;
  }
  deps.logger.debug(
    { items: chunk.length, status: outer.status, clientRequestId: batchClientRequestId, requestId: outer.requestId },
    'graph batch',
  );
  if (outer.status >= 300) {
    // The batch as a whole was refused or throttled: each read gets that answer as its own, as a direct GET would.
    for (const item of chunk) item.resolve({ ...outer, clientRequestId: item.clientRequestId });
    return;
  }
  const parsed = batchReplySchema.safeParse(outer.body);
  const byId = new Map(parsed.success ? parsed.data.responses.map((reply) => [reply.id, reply]) : []);
  chunk.forEach((item, index) => {
    const reply = byId.get(itemId(index));
    if (reply === undefined) {
      const why = parsed.success ? `no response for batch item ${itemId(index)}` : 'unreadable $batch response';
      item.reject(invalid(item, outer, why));
      return;
    }
    item.resolve(itemReply(reply, item, outer, batchClientRequestId));
  });
}

function itemId(index: number): string {
  return String(index + 1);
}

function toItem(item: Pending, index: number): Record<string, unknown> {
  return {
    id: itemId(index),
    method: 'GET',
    url: pathWithQuery(item.call).replace(/^\//, ''),
    headers: { ...item.call.headers, 'client-request-id': item.clientRequestId },
  };
}

function itemReply(reply: BatchItemReply, item: Pending, outer: GraphReply, batchClientRequestId: string): GraphReply {
  const requestId = itemHeader(reply, 'request-id') ?? outer.requestId;
  const retryAfter = itemHeader(reply, 'retry-after');
  return {
    status: reply.status,
    body: reply.body,
    clientRequestId: item.clientRequestId,
    viaBatch: batchClientRequestId,
    ...(outer.serviceDate === undefined ? {} : { serviceDate: outer.serviceDate }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

/** The failure of the batch's exchange, as the same failure of this item's own request would have been reported. */
function asItemFailure(error: unknown, item: Pending): unknown {
  if (error instanceof GraphNoAnswer) return new GraphNoAnswer(error.delivery, error.networkCode, item.clientRequestId);
  return noResponseError(item.call.operation, item.clientRequestId, error);
}

function invalid(item: Pending, outer: GraphReply, why: string): UpstreamResponseInvalid {
  return new UpstreamResponseInvalid(
    {
      upstream: 'graph',
      operation: item.call.operation,
      clientRequestId: item.clientRequestId,
      ...(outer.requestId === undefined ? {} : { requestId: outer.requestId }),
    },
    why,
  );
}
