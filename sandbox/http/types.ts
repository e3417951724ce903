import type { RequestLogEntry } from './request-log.js';

export type Headers = Readonly<Record<string, string | undefined>>;

export interface SandboxRequest {
  readonly method: string;
  /** Decoded path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: unknown;
  readonly rawBody: string;
  /** `https://127.0.0.1:PORT`, used to build absolute links. */
  readonly origin: string;
  /** One object per TCP connection (NTLM authenticates connections, not requests). */
  readonly connection: object;
  readonly requestId: string;
  /** When it arrived on the tenant's simulated clock (ISO); set by the HTTP server, for the dates answers carry. */
  readonly receivedAt?: string;
  /** Set by the HTTP server: the exchange's log entry and the latency fault it already waited (a $batch uses both). */
  readonly exchange?: { readonly entry: RequestLogEntry; readonly heldMs: number };
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  /** Sent verbatim instead of JSON-serializing `body`. */
  readonly text?: string;
}

export type RouteParams = Readonly<Record<string, string>>;
export type Handler = (req: SandboxRequest, params: RouteParams) => SandboxResponse | Promise<SandboxResponse>;

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function header(req: SandboxRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}
