import type { Clock } from '../../core/ports/clock.js';

/**
 * Wraps a read of a fact that changes rarely: the value is reused for `ttlMs`, concurrent callers share one read in
 * flight, and a failed read is never cached (the next caller tries again).
 */
export function cachedRead<T>(read: () => Promise<T>, ttlMs: number, clock: Clock): () => Promise<T> {
  let cached: { value: T; until: number } | undefined;
  let inFlight: Promise<T> | undefined;
  return () => {
    const now = clock.now().getTime();
    if (cached !== undefined && now < cached.until) return Promise.resolve(cached.value);
    inFlight ??= read().then(
      (value) => {
        cached = { value, until: clock.now().getTime() + ttlMs };
        inFlight = undefined;
        return value;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };
}
