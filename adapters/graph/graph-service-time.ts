import type { Clock } from '../../core/ports/clock.js';
import type { TenantTime } from '../../core/ports/tenant-time.js';

interface Reading {
  readonly serviceMs: number;
  readonly receivedAt: number;
}

/**
 * Graph's time, from the Date header (RFC 7231, whole seconds) of its latest answer, extrapolated on this host's
 * monotonic clock; `clock` until the first answer with a readable Date header. Every Graph exchange reports its
 * header through `observe` (graph-runtime.ts), so no request is made for the time alone.
 */
export function graphServiceTime(
  clock: Clock,
  monotonic: () => number = () => performance.now(),
): TenantTime & { observe(dateHeader: string | undefined): void } {
  let last: Reading | undefined;
  return {
    observe(dateHeader) {
      if (dateHeader === undefined) return;
      const serviceMs = Date.parse(dateHeader);
      if (Number.isNaN(serviceMs)) return;
      last = { serviceMs, receivedAt: monotonic() };
    },
    now() {
      return last === undefined ? clock.now() : new Date(last.serviceMs + (monotonic() - last.receivedAt));
    },
  };
}
