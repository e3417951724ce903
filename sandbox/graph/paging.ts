import { FilterSyntaxError, parseFilter, readProperty } from '../http/odata-filter.js';
import type { SandboxRequest, SandboxResponse } from '../http/types.js';
import { badRequest } from './graph-errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

type Item = Readonly<Record<string, unknown>>;

/** Applies `$filter` (with the given property reader) or answers 400 like Graph does for a clause it cannot parse. */
export function applyFilter<T extends Item>(
  req: SandboxRequest,
  items: readonly T[],
  allowed?: ReadonlySet<string>,
): T[] | SandboxResponse {
  const filter = req.query.get('$filter');
  if (!filter) return [...items];
  try {
    const predicate = parseFilter(filter);
    if (allowed) {
      const probe = new Set<string>();
      predicate((property) => {
        probe.add(property.toLowerCase());
        return undefined;
      });
      const unsupported = [...probe].find((p) => !allowed.has(p));
      if (unsupported)
        return badRequest(
          req,
          `Invalid filter clause: property '${unsupported}' is not supported in a filter on this resource.`,
        );
    }
    return items.filter((item) => predicate(readProperty(item)));
  } catch (error) {
    if (error instanceof FilterSyntaxError) return badRequest(req, `Invalid filter clause: ${error.message}`);
    throw error;
  }
}

export function select(item: Item, req: SandboxRequest): Item {
  const fields = req.query.get('$select');
  if (!fields) return item;
  const wanted = new Set(fields.split(',').map((f) => f.trim().toLowerCase()));
  return Object.fromEntries(
    Object.entries(item).filter(([k]) => k === 'id' || k.startsWith('@odata') || wanted.has(k.toLowerCase())),
  );
}

/** One page of a Graph collection with an absolute `@odata.nextLink` carrying `$skiptoken`. */
export function pageOf(
  req: SandboxRequest,
  items: readonly Item[],
  context: string,
  pageSize = DEFAULT_PAGE_SIZE,
): SandboxResponse {
  const topRaw = req.query.get('$top');
  const top = topRaw === null ? undefined : Number(topRaw);
  if (top !== undefined && (!Number.isInteger(top) || top < 0))
    return badRequest(req, `Invalid value '${topRaw}' for $top.`);
  const size = Math.min(top ?? pageSize, MAX_PAGE_SIZE);
  const skip = decodeSkipToken(req.query.get('$skiptoken'));
  const slice = items.slice(skip, skip + size).map((item) => select(item, req));
  const body: Record<string, unknown> = { '@odata.context': `${req.origin}${contextRoot(req)}/$metadata#${context}` };
  if (req.query.get('$count') === 'true') body['@odata.count'] = items.length;
  if (skip + size < items.length) {
    const params = new URLSearchParams(req.query);
    params.set('$skiptoken', encodeSkipToken(skip + size));
    body['@odata.nextLink'] = `${req.origin}${encodeURI(req.path)}?${params.toString()}`;
  }
  body.value = slice;
  return { status: 200, body };
}

export function contextRoot(req: SandboxRequest): string {
  return req.path.toLowerCase().startsWith('/graph/v1.0') ? '/graph/v1.0' : '/graph/beta';
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(`sandbox-offset:${offset}`).toString('base64url');
}

function decodeSkipToken(token: string | null): number {
  if (!token) return 0;
  const match = /^sandbox-offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : 0;
}
