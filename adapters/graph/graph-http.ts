import type { GraphCall, GraphReply } from './graph-call.js';
import { type BatchOutcome, type BatchRequest, sendBatch } from './graph-batch.js';
import { getAll, getPage, type ListCall, type RawPage } from './graph-paging.js';
import { sendWithRetry } from './graph-retry.js';
import { type GraphHttpDeps, toRuntime } from './graph-runtime.js';

export type { BatchOutcome, BatchRequest, GraphCall, GraphHttpDeps, GraphReply, ListCall, RawPage };

/**
 * The one place Graph calls go through: retries with Retry-After and a bounded total time, `@odata.nextLink`
 * paging, `$batch` in chunks of 20 with per-item retry, Intune's nested error messages, and a fresh
 * `client-request-id` per attempt, logged with the `request-id` that comes back. Non-2xx ends in an UpstreamError.
 * Under the retries, reads issued in the same turn share one `$batch` (graph-coalescer.ts).
 */
export interface GraphHttp {
  send(call: GraphCall): Promise<GraphReply>;
  getPage(call: ListCall, cursor?: string): Promise<RawPage>;
  getAll(call: ListCall): Promise<unknown[]>;
  batch(operation: string, requests: readonly BatchRequest[]): Promise<BatchOutcome[]>;
}

export function createGraphHttp(deps: GraphHttpDeps): GraphHttp {
  const runtime = toRuntime(deps);
  return {
    send: (call) => sendWithRetry(runtime, call),
    getPage: (call, cursor) => getPage(runtime, call, cursor),
    getAll: (call) => getAll(runtime, call),
    batch: (operation, requests) => sendBatch(runtime, operation, requests),
  };
}
