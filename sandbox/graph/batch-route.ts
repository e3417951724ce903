import { z } from 'zod';
import { faultResponse } from '../faults/apply-fault.js';
import type { FaultKind } from '../faults/fault-rules.js';
import { maaHeaders, type RequestLogEntry } from '../http/request-log.js';
import type { Router } from '../http/router.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { SandboxRequest, SandboxResponse } from '../http/types.js';
import { shuffled } from '../world/rng.js';
import {
  type BatchItem,
  batchItemSchema,
  type BatchItemTarget,
  itemTarget,
  MAX_BATCH_REQUESTS,
} from './batch-items.js';
import { badRequest } from './graph-errors.js';
import { checkBearer, type GraphContext } from './graph-context.js';

/**
 * The fault kinds an item inside a $batch can get by itself, matched like a direct request (method and route of the
 * item): every kind that answers with a status, each item with its own Retry-After, and latency. Network kinds (reset,
 * timeout) cannot happen to one item: sandbox/server/http-server.ts applies them to the whole $batch exchange.
 */
const ITEM_FAULT_KINDS: readonly FaultKind[] = ['latency', '429', '500', '503', '504', 'accessDenied', 'batch429'];

const batchSchema = z.object({ requests: z.array(z.unknown()) });

interface ItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * JSON batching (graph-intune.md §7.2; learn.microsoft.com/graph/json-batching): ≤20 items, one 200 for the batch,
 * each item with its own status, headers and Retry-After, responses in a shuffled order. Each item is logged as a
 * request of its own, marked `inBatch`, and may be faulted by itself.
 */
export function registerBatchRoute(router: Router, ctx: GraphContext, state: SandboxState): void {
  router.on('POST', /^\/graph\/(?<version>beta|v1\.0)\/\$batch$/i, async (req, params) => {
    const denied = checkBearer(req, ctx.tokens);
    if (denied) return denied;
    const parsed = batchSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(req, 'Invalid batch payload format.');
    if (parsed.data.requests.length > MAX_BATCH_REQUESTS)
      return badRequest(req, `Number of batch requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
    const items = parsed.data.requests.map((r) => batchItemSchema.safeParse(r));
    if (items.some((i) => !i.success))
      return badRequest(req, 'Invalid batch payload format: each request needs id, method and url.');
    const requests = items.map((i) => (i.success ? i.data : undefined)).filter((i) => i !== undefined);
    if (new Set(requests.map((r) => r.id)).size !== requests.length)
      return badRequest(req, 'Batch request ids must be unique.');
    const version = params.version ?? 'beta';
    const results = new Map<string, ItemResponse>();
    const delays: number[] = [];
    for (const item of requests) {
      const target = itemTarget(version, item);
      const entry = logItem(state, req, item, target);
      const response = await answerItem(ctx, state, req, item, target, results, delays);
      entry.status = response.status;
      results.set(item.id, response);
    }
    // The items run side by side: the batch answers when its slowest item (or the batch's own latency) is done.
    const hold = Math.max(0, ...delays) - (req.exchange?.heldMs ?? 0);
    if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold).unref());
    state.batchCounter += 1;
    return {
      status: 200,
      body: { responses: shuffled([...results.values()], state.world.seed, 'batch', state.batchCounter) },
    };
  });
}

async function answerItem(
  ctx: GraphContext,
  state: SandboxState,
  req: SandboxRequest,
  item: BatchItem,
  target: BatchItemTarget,
  results: ReadonlyMap<string, ItemResponse>,
  delays: number[],
): Promise<ItemResponse> {
  if ((item.dependsOn ?? []).some((d) => (results.get(d)?.status ?? 0) >= 400)) {
    return {
      id: item.id,
      status: 424,
      headers: {},
      body: { error: { code: 'FailedDependency', message: 'A dependent request failed.' } },
    };
  }
  const fault = state.faults.decide(target.method, target.path, ITEM_FAULT_KINDS);
  if (fault?.kind === 'latency') delays.push(fault.ms ?? 500);
  const faulted =
    fault === undefined ? undefined : faultResponse(fault, req.requestId, req.receivedAt ?? new Date().toISOString());
  if (faulted) {
    return {
      id: item.id,
      status: faulted.status,
      headers: { 'Content-Type': 'application/json', ...faulted.headers },
      body: faulted.body,
    };
  }
  const headers = {
    ...Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    authorization: req.headers.authorization,
  };
  const sub: SandboxRequest = {
    ...req,
    method: target.method,
    path: target.path,
    query: new URLSearchParams(target.query),
    headers,
    body: item.body,
    rawBody: item.body === undefined ? '' : JSON.stringify(item.body),
  };
  const response: SandboxResponse = await ctx.dispatch(sub);
  const responseHeaders = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );
  return {
    id: item.id,
    status: response.status,
    headers: { 'Content-Type': 'application/json', ...responseHeaders },
    body: response.text !== undefined ? safeJson(response.text) : response.body,
  };
}

/** The item as a request of its own in the log, on the batch's connection and with the batch's authorization. */
function logItem(state: SandboxState, req: SandboxRequest, item: BatchItem, target: BatchItemTarget): RequestLogEntry {
  const header = (name: string) => Object.entries(item.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
  const outer = req.exchange?.entry;
  const entry: RequestLogEntry = {
    time: state.world.clock.nowIso(),
    method: target.method,
    path: target.path,
    query: target.query === '' ? '' : `?${target.query}`,
    status: 0,
    clientRequestId: header('client-request-id') ?? null,
    connection: outer?.connection ?? 0,
    authorization: outer?.authorization ?? { present: false, scheme: null },
    maa: maaHeaders(header('x-msft-approval-justification'), header('x-msft-approval-code')),
    inBatch: true,
  };
  state.log.record(entry);
  state.log.recordBody(entry, item.body);
  return entry;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
