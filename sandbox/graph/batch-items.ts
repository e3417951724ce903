import { z } from 'zod';

/** Graph accepts at most 20 requests per $batch (graph-intune.md §7.2). */
export const MAX_BATCH_REQUESTS = 20;
const BATCH_PATH = /^\/graph\/(?<version>beta|v1\.0)\/\$batch$/i;

export const batchItemSchema = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
export type BatchItem = z.infer<typeof batchItemSchema>;

export interface BatchItemTarget {
  readonly method: string;
  /** The route the item addresses, as a direct request's path would read: `/graph/{version}/...`, decoded. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly query: string;
}

/** Where an item of a $batch sent to `/graph/{version}/$batch` goes (its url is relative to the version root). */
export function itemTarget(version: string, item: Pick<BatchItem, 'method' | 'url'>): BatchItemTarget {
  const relative = item.url.replace(/^\//, '');
  const at = relative.indexOf('?');
  const pathPart = at < 0 ? relative : relative.slice(0, at);
  let decoded = pathPart;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    // An undecodable path is matched as it came, as the HTTP server does for a direct request.
  }
  return {
    method: item.method.toUpperCase(),
    path: `/graph/${version}/${decoded}`,
    query: at < 0 ? '' : relative.slice(at + 1),
  };
}

/** The items' targets when `path` is a Graph $batch with a readable body; none otherwise (the route refuses it). */
export function batchTargets(method: string, path: string, body: unknown): BatchItemTarget[] {
  const version = BATCH_PATH.exec(path)?.groups?.version;
  if (method !== 'POST' || version === undefined) return [];
  const parsed = z.object({ requests: z.array(z.unknown()).max(MAX_BATCH_REQUESTS) }).safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.requests.flatMap((request) => {
    const item = batchItemSchema.safeParse(request);
    return item.success ? [itemTarget(version, item.data)] : [];
  });
}

export function isBatchPath(path: string): boolean {
  return BATCH_PATH.test(path);
}
