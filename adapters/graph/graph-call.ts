export type GraphMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One logical Graph request, in the adapter's words. */
export interface GraphCall {
  /** Domain description used in errors and logs, e.g. "get policy summaries". */
  readonly operation: string;
  readonly method: GraphMethod;
  /** Path under the version root (`/deviceManagement/...`), or an absolute `@odata.nextLink`. */
  readonly path: string;
  /** OData and other query options; values are URL-encoded here, keys are sent as they are. */
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface GraphReply {
  readonly status: number;
  readonly body: unknown;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly retryAfter?: string;
}

export function isAbsoluteUrl(path: string): boolean {
  return /^https:\/\//i.test(path);
}

export function pathWithQuery(call: Pick<GraphCall, 'path' | 'query'>): string {
  const entries = Object.entries(call.query ?? {});
  if (entries.length === 0) return call.path;
  const query = entries.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&');
  return `${call.path}${call.path.includes('?') ? '&' : '?'}${query}`;
}
