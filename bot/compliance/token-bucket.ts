/**
 * A token bucket kept as "the time the next token is free" (GCRA): `reserve` books a token and returns how long to
 * wait before using it, so callers queue up in order without a timer per bucket.
 */
export class TokenBucket {
  private nextFreeAt = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;

  constructor(
    ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  reserve(): number {
    const now = this.now();
    const earliest = Math.max(this.nextFreeAt, now - (this.burst - 1) * this.intervalMs);
    this.nextFreeAt = earliest + this.intervalMs;
    const wait = earliest - now;
    return wait >= 1 ? Math.ceil(wait) : 0;
  }

  /** No token before `at` (e.g. after a 429 with Retry-After). */
  holdUntil(at: number): void {
    this.nextFreeAt = Math.max(this.nextFreeAt, at);
  }

  /** True once the bucket is full again and can be dropped without changing behaviour. */
  isIdle(): boolean {
    return this.now() >= this.nextFreeAt + (this.burst - 1) * this.intervalMs;
  }
}
