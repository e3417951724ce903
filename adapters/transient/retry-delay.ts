export interface RetryPolicy {
  /** The whole call, retries included, never takes longer than this. */
  readonly maxTotalMs: number;
  /** First backoff step when the service sends no Retry-After. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxTotalMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * The status codes a $batch item of GETs is retried on: Graph asks for 429/503/504 (graph-intune.md §7.3), and a
 * 502 from a gateway is as transient for a read (adapters/transient/retry-rules.ts).
 */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so retries spread without collapsing to 0. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
