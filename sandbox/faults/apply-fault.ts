import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule } from './fault-rules.js';

export const DEFAULT_TIMEOUT_FAULT_MS = 30_000;

export type FaultOutcome =
  | {
      readonly kind: 'respond';
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: unknown;
    }
  | { readonly kind: 'handled' }
  | { readonly kind: 'continue'; readonly delayMs: number };

function graphStyleError(status: number, code: string, message: string, requestId: string, at: string): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: at.slice(0, 19),
        'request-id': requestId,
        'client-request-id': requestId,
      },
    },
  };
}

/** The answer a status fault kind gives (also per item inside a $batch, sandbox/graph/batch-route.ts); none for others. */
export function faultResponse(
  rule: FaultRule,
  requestId: string,
  /** The tenant's simulated time (ISO), for the error's innerError.date. */
  at: string,
): { readonly status: number; readonly headers: Record<string, string>; readonly body: unknown } | undefined {
  switch (rule.kind) {
    case 'accessDenied':
      return {
        status: 404,
        headers: {},
        body: { error: { code: '404', message: 'Access denied  WMI QUERY: ' } },
      };
    case '429': {
      const headers: Record<string, string> =
        rule.retryAfter === undefined ? {} : { 'Retry-After': String(rule.retryAfter) };
      return {
        status: 429,
        headers,
        body: graphStyleError(429, 'TooManyRequests', 'Too many requests.', requestId, at),
      };
    }
    case '500':
      return {
        status: 500,
        headers: {},
        body: graphStyleError(500, 'InternalServerError', 'An internal server error has occurred.', requestId, at),
      };
    case '503': {
      const headers: Record<string, string> =
        rule.retryAfter === undefined ? {} : { 'Retry-After': String(rule.retryAfter) };
      return {
        status: 503,
        headers,
        body: graphStyleError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', requestId, at),
      };
    }
    case '504':
      return {
        status: 504,
        headers: {},
        body: graphStyleError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.', requestId, at),
      };
    case 'batch429':
      return {
        status: 429,
        headers: { 'Retry-After': String(rule.retryAfter ?? 1) },
        body: graphStyleError(429, 'TooManyRequests', 'Too many requests.', requestId, at),
      };
    default:
      return undefined;
  }
}

/** Turns a fired rule into what happens to the HTTP exchange. `timers` lets close() cancel held requests. */
export function applyFault(
  rule: FaultRule,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  timers: Set<NodeJS.Timeout>,
  at: string,
): FaultOutcome {
  switch (rule.kind) {
    case 'latency':
      return { kind: 'continue', delayMs: rule.ms ?? 500 };
    case 'reset':
      req.socket.destroy();
      return { kind: 'handled' };
    case 'timeout': {
      const timer = setTimeout(() => {
        timers.delete(timer);
        req.socket.destroy();
      }, rule.ms ?? DEFAULT_TIMEOUT_FAULT_MS);
      timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return { kind: 'handled' };
    }
    case 'batch429':
      // Only ever fires on items inside a $batch (sandbox/graph/batch-route.ts).
      return { kind: 'continue', delayMs: 0 };
    default: {
      const response = faultResponse(rule, requestId, at);
      return response === undefined ? { kind: 'continue', delayMs: 0 } : { kind: 'respond', ...response };
    }
  }
}
