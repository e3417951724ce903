import type { Logger } from '../ports/logger.js';
import type { Lease, LeaseStore } from './lease-store.js';

/** One instance at a time does a job (the compliance scheduler): the holder of one named lease. */
export interface Leadership {
  /** Renews the lease when held, takes it when free; true while this instance leads. Call more often than the lease lasts. */
  lead(): Promise<boolean>;
  resign(): Promise<void>;
}

export const soleLeader: Leadership = {
  lead: async () => true,
  resign: async () => undefined,
};

export class LeasedLeadership implements Leadership {
  private lease: Lease | undefined;

  constructor(
    private readonly leases: LeaseStore,
    private readonly name: string,
    private readonly log: Logger,
  ) {}

  async lead(): Promise<boolean> {
    const renewed = this.lease ? await this.leases.renew(this.lease) : undefined;
    if (this.lease && !renewed) this.log.warn({ lease: this.name }, 'leadership lost to another instance');
    this.lease = renewed ?? (await this.leases.tryAcquire(this.name));
    return this.lease !== undefined;
  }

  async resign(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    if (lease) await this.leases.release(lease);
  }
}
