import type { Clock } from '../ports/clock.js';

/**
 * The time as the store that holds the leases sees it. Every lease's expiry is written and judged on it, never on a
 * host's wall clock, so a host whose clock runs ahead cannot take over a live lease.
 */
export interface StoreTime {
  /** The store's time now (ms since the epoch), never later than the store's true time. */
  now(): Promise<number>;
  /** How far the store's true time may run ahead of `now()`: a holder stops counting on its lease that much earlier. */
  readonly uncertaintyMs: number;
}

/** A store in this process (memory, or a file only this host writes): its time is the process's clock. */
export function storeTimeOf(clock: Clock): StoreTime {
  return { now: async () => clock.now().getTime(), uncertaintyMs: 0 };
}
