import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { type SlotClaims, soleClaimant, StoredSlotClaims } from '../../core/compliance/slot-claims.js';
import { type Leadership, LeasedLeadership, soleLeader } from '../../core/leases/leadership.js';
import { LeaseStore } from '../../core/leases/lease-store.js';
import type { StoreTime } from '../../core/leases/store-time.js';
import { LeasedRunOwnership, type RunOwnership, singleProcessOwnership } from '../../core/leases/run-ownership.js';
import { systemClock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import type { ScaleOutConfig } from '../config/config.js';

/** How this instance shares work with the others: who owns runs, who runs the scheduler, who posts a slot. */
export interface ScaleOut {
  readonly instance: string;
  readonly ownership: RunOwnership;
  readonly leadership: Leadership;
  readonly slots: SlotClaims;
  /** How often runs whose owner died are looked for; absent for one process. */
  readonly sweepMs?: number;
}

export const SCHEDULER_LEASE = 'compliance-scheduler';

export const singleInstance: ScaleOut = {
  instance: 'single',
  ownership: singleProcessOwnership,
  leadership: soleLeader,
  slots: soleClaimant,
};

/** This process among the instances: host, pid and a random part, since a restarted process may reuse a pid. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Leases that expire on the shared store's time (`storeTime`), so hosts' clocks need not agree; this host's real clock
 * (not a test's fake one) only measures how long ago it renewed, since leases are about real processes dying.
 */
export function leasedScaleOut(
  storage: Storage,
  storeTime: StoreTime,
  config: ScaleOutConfig,
  log: Logger,
  instance: string,
): ScaleOut {
  const leaseLog = log.child({ component: 'leases', instance });
  const leases = new LeaseStore({
    storage,
    storeTime,
    clock: systemClock,
    holder: instance,
    durationMs: config.leaseDurationMs,
  });
  return {
    instance,
    ownership: new LeasedRunOwnership(storage, leases, leaseLog),
    leadership: new LeasedLeadership(leases, SCHEDULER_LEASE, leaseLog),
    slots: new StoredSlotClaims(storage),
    sweepMs: Math.max(1, Math.floor(config.leaseDurationMs / 3)),
  };
}
