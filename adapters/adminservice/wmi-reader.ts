import type { z } from 'zod';
import { fail, gatewayError, ok, type Result } from '../../core/errors/gateway-error.js';
import { failureFromStatus, failureFromThrown, type StatusContext } from './map-failure.js';
import type { AdminServiceResponse, AdminServiceTransport } from './transport.js';
import { listSchema } from './wmi-schemas.js';

/** Reads WMI classes as zod-checked rows; every failure becomes a gateway error, nothing throws. */
export interface WmiReader {
  list<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    schema: S,
    context?: StatusContext,
  ): Promise<Result<z.infer<S>[]>>;
  /** One request's answer as it came: its rows, and `more` when it carried an `@odata.nextLink`. */
  page<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    schema: S,
    context?: StatusContext,
  ): Promise<Result<{ rows: z.infer<S>[]; more: boolean }>>;
}

/**
 * Pages the reader follows for one list before it gives up: 100 pages of the sandbox's 1,000 rows, far beyond any list
 * the bot reads (its windows are at most 1,000 rows).
 */
export const MAX_CONTINUATIONS = 100;

/**
 * Lists follow server-driven paging: when an answer carries `@odata.nextLink` and holds fewer rows than `$top` asked
 * (or no `$top` was given), the rest is read by moving `$skip` on, until the rows asked for are in or the server has no
 * more. The AdminService's own page limit is not documented (configmgr-adminservice.md §2, [U]): a server that pages
 * below what we ask must not make a window look like the end of the list (the collections count reads 1,000-row
 * windows). The link itself is not followed, so credentials never go to a host the answer names.
 */
export function createWmiReader(transport: AdminServiceTransport): WmiReader {
  return {
    async list(path, query, schema, context = {}) {
      const wanted = query.$top === undefined ? Number.POSITIVE_INFINITY : Number(query.$top);
      const firstSkip = Number(query.$skip ?? 0);
      const rows: z.infer<typeof schema>[] = [];
      for (let page = 0; ; page += 1) {
        const pageQuery: Record<string, string> =
          page === 0
            ? query
            : {
                ...query,
                $skip: String(firstSkip + rows.length),
                ...(Number.isFinite(wanted) ? { $top: String(wanted - rows.length) } : {}),
              };
        const read = await readPage(transport, path, pageQuery, schema, context);
        if (!read.ok) return read;
        rows.push(...read.value.rows);
        const complete = !read.value.more || read.value.rows.length === 0 || rows.length >= wanted;
        if (complete) return ok(rows);
        if (page + 1 >= MAX_CONTINUATIONS)
          return fail(gatewayError('Unexpected', `${path} was still paging after ${MAX_CONTINUATIONS} pages`));
      }
    },
    page: (path, query, schema, context = {}) => readPage(transport, path, query, schema, context),
  };
}

async function readPage<S extends z.ZodType>(
  transport: AdminServiceTransport,
  path: string,
  query: Record<string, string>,
  schema: S,
  context: StatusContext,
): Promise<Result<{ rows: z.infer<S>[]; more: boolean }>> {
  let response: AdminServiceResponse;
  try {
    response = await transport.send({ method: 'GET', path, query });
  } catch (error) {
    return fail(failureFromThrown(error));
  }
  if (response.status < 200 || response.status >= 300) return fail(failureFromStatus(response, context));
  const body = listSchema.safeParse(response.json);
  if (!body.success)
    return fail(gatewayError('Unexpected', `${path} did not return a list`, { httpStatus: response.status }));
  const rows: z.infer<S>[] = [];
  for (const item of body.data.value) {
    const row = schema.safeParse(item);
    if (!row.success)
      return fail(
        gatewayError(
          'Unexpected',
          `${path} returned a row of an unexpected shape: ${row.error.issues[0]?.message ?? ''}`,
        ),
      );
    rows.push(row.data);
  }
  return ok({ rows, more: body.data['@odata.nextLink'] !== undefined });
}
