import type { RequestSafety } from '../transient/retry-rules.js';

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
  /** A POST that only reads ($batch of GETs, a report action): retried like a GET. */
  readonly readOnly?: boolean;
  /**
   * Awaited before every HTTP attempt of a write, so the caller can record durably that the write may have
   * started (core/runs/unknown-outcome.ts) before it leaves.
   */
  readonly beforeSend?: () => Promise<void>;
}

export interface GraphReply {
  readonly status: number;
  readonly body: unknown;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly retryAfter?: string;
  /** The `client-request-id` of the `$batch` that carried this read (graph-coalescer.ts), when one did. */
  readonly viaBatch?: string;
  /** `x-msft-approval-code` of a write Intune holds for Multi Admin Approval (maa.md). */
  readonly approvalCode?: string;
  /** The response's Date header: the service's time when it answered (a `$batch` item has its batch's). */
  readonly serviceDate?: string;
}

export function safetyOf(call: Pick<GraphCall, 'method' | 'readOnly'>): RequestSafety {
  return call.method === 'GET' || call.readOnly === true ? 'read' : 'write';
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
