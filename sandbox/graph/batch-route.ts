import { z } from 'zod';
import type { Router } from '../server/router.js';
import type { SandboxState } from '../server/sandbox-state.js';
import type { SandboxRequest, SandboxResponse } from '../server/types.js';
import { shuffled } from '../world/rng.js';
import { badRequest, graphError } from './graph-errors.js';
import { checkBearer, type GraphContext } from './graph-context.js';

export const MAX_BATCH_REQUESTS = 20;

const itemSchema = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const batchSchema = z.object({ requests: z.array(z.unknown()) });

interface ItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** JSON batching (graph-intune.md §7.2): ≤20 items, shuffled responses, per-item 429 with its own Retry-After. */
export function registerBatchRoute(router: Router, ctx: GraphContext, state: SandboxState): void {
  router.on('POST', /^\/graph\/(?<version>beta|v1\.0)\/\$batch$/i, async (req, params) => {
    const denied = checkBearer(req, ctx.tokens);
    if (denied) return denied;
    const parsed = batchSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(req, 'Invalid batch payload format.');
    if (parsed.data.requests.length > MAX_BATCH_REQUESTS)
      return badRequest(req, `Number of batch requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
    const items = parsed.data.requests.map((r) => itemSchema.safeParse(r));
    if (items.some((i) => !i.success))
      return badRequest(req, 'Invalid batch payload format: each request needs id, method and url.');
    const requests = items.map((i) => (i.success ? i.data : undefined)).filter((i) => i !== undefined);
    if (new Set(requests.map((r) => r.id)).size !== requests.length)
      return badRequest(req, 'Batch request ids must be unique.');
    const version = params.version ?? 'beta';
    const results = new Map<string, ItemResponse>();
    for (const item of requests) {
      const failedDependency = (item.dependsOn ?? []).some((d) => (results.get(d)?.status ?? 0) >= 400);
      if (failedDependency) {
        results.set(item.id, {
          id: item.id,
          status: 424,
          headers: {},
          body: { error: { code: 'FailedDependency', message: 'A dependent request failed.' } },
        });
        continue;
      }
      const relative = item.url.replace(/^\//, '');
      const [pathPart = '', queryPart = ''] = relative.split('?', 2);
      const path = `/graph/${version}/${decodeURIComponent(pathPart)}`;
      const throttle = state.faults.decide(item.method, path, ['batch429']);
      if (throttle) {
        const retryAfter = String(throttle.retryAfter ?? 1);
        const sub = { ...req, path } as SandboxRequest;
        const error = graphError(sub, 429, 'TooManyRequests', 'Too many requests.');
        results.set(item.id, {
          id: item.id,
          status: 429,
          headers: { 'Retry-After': retryAfter, 'Content-Type': 'application/json' },
          body: error.body,
        });
        continue;
      }
      const headers = {
        ...Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
        authorization: req.headers.authorization,
      };
      const sub: SandboxRequest = {
        ...req,
        method: item.method.toUpperCase(),
        path,
        query: new URLSearchParams(queryPart),
        headers,
        body: item.body,
        rawBody: item.body === undefined ? '' : JSON.stringify(item.body),
      };
      const response: SandboxResponse = await ctx.dispatch(sub);
      const responseHeaders = Object.fromEntries(
        Object.entries(response.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
      );
      results.set(item.id, {
        id: item.id,
        status: response.status,
        headers: { 'Content-Type': 'application/json', ...responseHeaders },
        body: response.text !== undefined ? safeJson(response.text) : response.body,
      });
    }
    state.batchCounter += 1;
    return {
      status: 200,
      body: { responses: shuffled([...results.values()], state.world.seed, 'batch', state.batchCounter) },
    };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
