import type { Delivery } from './network-failure.js';

/**
 * Whether a request only reads (GET, a $batch of GETs, a report action, an AdminService WMI query) or may change
 * something. Reads are repeated freely; writes only when the service provably never saw them.
 */
export type RequestSafety = 'read' | 'write';

/** Answers a gateway gives when the service behind it failed or was too slow: the request may still be running. */
export const GATEWAY_FAILURE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

export type AttemptVerdict = 'retry' | 'give-up' | 'outcome-unknown';

/** What to do after an attempt that got no answer at all. */
export function afterNoAnswer(safety: RequestSafety, delivery: Delivery): AttemptVerdict {
  if (safety === 'read' || delivery === 'not-sent') return 'retry';
  return 'outcome-unknown';
}

/**
 * What to do after an error status. 429 means the service refused to start the request, so even a write is
 * repeated; 502/503/504 are repeated for reads, and make a write's outcome unknown.
 */
export function afterStatus(safety: RequestSafety, status: number): AttemptVerdict {
  if (status === 429) return 'retry';
  if (!GATEWAY_FAILURE_STATUSES.has(status)) return 'give-up';
  return safety === 'read' ? 'retry' : 'outcome-unknown';
}
