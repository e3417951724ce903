import { FilterSyntaxError, parseFilter, readProperty } from '../http/odata-filter.js';
import type { Row } from './wmi-rows.js';

export const ADMINSERVICE_MAX_PAGE = 1000;
/** SQL Server's default collation orders names case-insensitively; one collator, not one per comparison. */
const NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base' });

export interface WmiPage {
  readonly rows: Row[];
  readonly more: boolean;
}

/**
 * `$filter`, `$orderby` (one property, asc/desc), `$skip`, `$top` and `$select` over a lazy row source. At most
 * ADMINSERVICE_MAX_PAGE rows come back (a sandbox bound; the real page limit is [U]), with an `@odata.nextLink` only
 * when that bound cut the answer short of what was asked (no `$top`, or a larger one), as OData's server-driven paging.
 */
export function queryRows(
  source: Iterable<Row>,
  query: URLSearchParams,
  pageLimit = ADMINSERVICE_MAX_PAGE,
): WmiPage | FilterSyntaxError {
  let predicate: ((row: Row) => boolean) | undefined;
  const filter = query.get('$filter');
  if (filter) {
    try {
      const parsed = parseFilter(filter);
      predicate = (row) => parsed(readProperty(row));
    } catch (error) {
      if (error instanceof FilterSyntaxError) return error;
      throw error;
    }
  }
  const skip = Math.max(0, Number(query.get('$skip') ?? 0) || 0);
  const asked = query.has('$top') ? Math.max(0, Number(query.get('$top')) || 0) : Number.POSITIVE_INFINITY;
  const top = Math.min(asked, pageLimit);
  const orderBy = query.get('$orderby');
  let rows: Iterable<Row> = predicate ? filterIterable(source, predicate) : source;
  if (orderBy) {
    const [property = '', direction = 'asc'] = orderBy.trim().split(/\s+/);
    const read = (row: Row): string => String(readProperty(row)(property) ?? '');
    const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => sign * NAME_ORDER.compare(read(a), read(b)));
  }
  const page: Row[] = [];
  let index = 0;
  let more = false;
  for (const row of rows) {
    if (index >= skip + top) {
      // Server-driven paging (OData): a link only when the page limit, not the client's $top, stopped the answer.
      more = top < asked;
      break;
    }
    if (index >= skip) page.push(row);
    index += 1;
  }
  const selected = query.get('$select');
  const fields = selected ? selected.split(',').map((f) => f.trim().toLowerCase()) : undefined;
  return {
    rows: fields
      ? page.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => fields.includes(k.toLowerCase()))))
      : page,
    more,
  };
}

function* filterIterable(source: Iterable<Row>, predicate: (row: Row) => boolean): Generator<Row> {
  for (const row of source) if (predicate(row)) yield row;
}
