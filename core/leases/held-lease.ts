import type { Logger } from '../ports/logger.js';
import type { Lease, LeaseStore } from './lease-store.js';

/** A lease renewed in the background until released; `held` turns false the moment a renewal finds it lost. */
export interface HeldLease {
  readonly held: boolean;
  release(): Promise<void>;
}

/** Renews every third of the duration, so two renewals can fail before the lease runs out. */
export function keepLease(leases: LeaseStore, acquired: Lease, log: Logger): HeldLease {
  let lease: Lease | undefined = acquired;
  let renewing: Promise<void> = Promise.resolve();
  const renewOnce = async (): Promise<void> => {
    if (lease === undefined) return;
    try {
      lease = await leases.renew(lease);
      if (lease === undefined) log.warn({ lease: acquired.name }, 'lease lost: another instance took it over');
    } catch (error) {
      log.warn({ err: error, lease: acquired.name }, 'lease renewal failed; trying again');
    }
  };
  const timer = setInterval(
    () => {
      renewing = renewing.then(renewOnce);
    },
    Math.max(1, Math.floor(leases.durationMs / 3)),
  );
  timer.unref();
  return {
    get held() {
      return lease !== undefined && leases.unexpired(lease);
    },
    async release() {
      clearInterval(timer);
      await renewing;
      const last = lease;
      lease = undefined;
      if (last) await leases.release(last);
    },
  };
}
