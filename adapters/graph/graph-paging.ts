import { z } from 'zod';
import type { GraphCall } from './graph-call.js';
import { sendWithRetry } from './graph-retry.js';
import type { GraphRuntime } from './graph-runtime.js';
import { parseReply } from './parse-reply.js';

const collectionPageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

export interface RawPage {
  readonly items: readonly unknown[];
  readonly nextLink?: string;
}

export type ListCall = Pick<GraphCall, 'operation' | 'path' | 'query' | 'headers'>;

/** One page; pass a previous `nextLink` as `cursor` to continue (the link already carries the query). */
export async function getPage(runtime: GraphRuntime, call: ListCall, cursor?: string): Promise<RawPage> {
  const request: GraphCall =
    cursor === undefined
      ? { ...call, method: 'GET' }
      : { operation: call.operation, method: 'GET', path: cursor, ...(call.headers ? { headers: call.headers } : {}) };
  const reply = await sendWithRetry(runtime, request);
  const page = parseReply(collectionPageSchema, reply, call.operation);
  return { items: page.value, ...(page['@odata.nextLink'] === undefined ? {} : { nextLink: page['@odata.nextLink'] }) };
}

/** Follows `@odata.nextLink` to the end (graph-intune.md §7.1). */
export async function getAll(runtime: GraphRuntime, call: ListCall): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await getPage(runtime, call, cursor);
    items.push(...page.items);
    cursor = page.nextLink;
    if (cursor !== undefined && seen.has(cursor)) break;
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  return items;
}
