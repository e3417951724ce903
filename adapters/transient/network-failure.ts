import { z } from 'zod';

/**
 * What a failed HTTP exchange with no answer says about the request:
 * - `not-sent`: the connection was never made (refused, DNS failure, connect timeout), so the service never saw it;
 * - `maybe-sent`: the request may have reached the service (reset, socket closed, read timeout), so a write may land.
 */
export type Delivery = 'not-sent' | 'maybe-sent';

/** Failures before any byte of the request left: a name that did not resolve, a port nobody listens on. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Failures after the connection was up: the request may have been read, and carried out, by the service. */
const MAYBE_SENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  /** adapters/adminservice/transport.ts TRANSPORT_TIMEOUT_CODE: our own request timeout fired. */
  'TIMEOUT',
]);

/** An AbortSignal.timeout() firing during fetch, or Node's "socket hang up". */
const MAYBE_SENT_NAMES = new Set(['TimeoutError', 'AbortError']);

const thrownSchema = z.object({
  code: z.unknown().optional(),
  name: z.unknown().optional(),
  message: z.unknown().optional(),
  cause: z.unknown().optional(),
  customError: z.unknown().optional(),
});

/** Walks the error and its causes; `undefined` when it is not a network failure (TLS, auth, a bug). */
export function deliveryOf(error: unknown, depth = 0): Delivery | undefined {
  if (depth > 5) return undefined;
  const parsed = thrownSchema.safeParse(error);
  if (!parsed.success) return undefined;
  const { code, name, message, cause, customError } = parsed.data;
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return 'not-sent';
  if (typeof code === 'string' && MAYBE_SENT_CODES.has(code)) return 'maybe-sent';
  if (typeof name === 'string' && MAYBE_SENT_NAMES.has(name)) return 'maybe-sent';
  if (typeof message === 'string' && /socket hang up|other side closed/i.test(message)) return 'maybe-sent';
  return deliveryOf(cause, depth + 1) ?? deliveryOf(customError, depth + 1);
}

/** The Node error code behind a failure, for logs and messages. */
export function networkCodeOf(error: unknown, depth = 0): string | undefined {
  if (depth > 5) return undefined;
  const parsed = thrownSchema.safeParse(error);
  if (!parsed.success) return undefined;
  const { code, name, cause, customError } = parsed.data;
  if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || MAYBE_SENT_CODES.has(code))) return code;
  if (typeof name === 'string' && MAYBE_SENT_NAMES.has(name)) return name;
  return networkCodeOf(cause, depth + 1) ?? networkCodeOf(customError, depth + 1);
}
