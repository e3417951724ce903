import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import { isETagConflict, type Storage } from '../ports/storage.js';

const PREFIX = 'lease/';

const leaseRecordSchema = z.object({ holder: z.string(), expiresAt: z.string(), acquiredAt: z.string() });
type LeaseRecord = z.infer<typeof leaseRecordSchema>;

/** A lease this instance holds until `expiresAt` unless renewed; `eTag` proves it is still the same lease. */
export interface Lease {
  readonly name: string;
  readonly eTag: string;
  readonly expiresAt: Date;
}

export interface LeaseStoreOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  /** This instance, as other instances and logs see it. */
  readonly holder: string;
  readonly durationMs: number;
}

/**
 * Compare-and-swap leases in the Storage port: whoever creates or replaces the lease item (If-None-Match: * or
 * If-Match on an expired one) holds it. Works on every Storage, so memory, file and blob behave alike; instances must
 * agree on the time to within a small part of the duration (NTP-synced hosts do).
 */
export class LeaseStore {
  constructor(private readonly options: LeaseStoreOptions) {}

  get holder(): string {
    return this.options.holder;
  }

  get durationMs(): number {
    return this.options.durationMs;
  }

  /** The lease when nobody holds it (or the holder let it expire); undefined while someone holds it, this instance too. */
  async tryAcquire(name: string): Promise<Lease | undefined> {
    const key = PREFIX + name;
    const item = await this.options.storage.get(key);
    const current = leaseRecordSchema.safeParse(item?.value).data;
    if (item && current && !this.expired(current)) return undefined;
    const record = this.freshRecord();
    try {
      const eTag = await this.options.storage.put(key, record, item ? { ifMatch: item.eTag } : { ifNoneMatch: '*' });
      return { name, eTag, expiresAt: new Date(record.expiresAt) };
    } catch (error) {
      if (isETagConflict(error)) return undefined;
      throw error;
    }
  }

  /** The same lease for another full duration; undefined when it was lost (expired and taken, or deleted). */
  async renew(lease: Lease): Promise<Lease | undefined> {
    const record = this.freshRecord();
    try {
      const eTag = await this.options.storage.put(PREFIX + lease.name, record, { ifMatch: lease.eTag });
      return { name: lease.name, eTag, expiresAt: new Date(record.expiresAt) };
    } catch (error) {
      if (isETagConflict(error)) return undefined;
      throw error;
    }
  }

  async release(lease: Lease): Promise<void> {
    try {
      await this.options.storage.delete(PREFIX + lease.name, { ifMatch: lease.eTag });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }

  /** Who holds the lease now, if anyone. */
  async holderOf(name: string): Promise<string | undefined> {
    const current = leaseRecordSchema.safeParse((await this.options.storage.get(PREFIX + name))?.value).data;
    return current && !this.expired(current) ? current.holder : undefined;
  }

  /** False once the lease's time is up, whatever the renewals say. */
  unexpired(lease: Lease): boolean {
    return lease.expiresAt.getTime() > this.options.clock.now().getTime();
  }

  private expired(record: LeaseRecord): boolean {
    return Date.parse(record.expiresAt) <= this.options.clock.now().getTime();
  }

  private freshRecord(): LeaseRecord {
    const now = this.options.clock.now();
    return {
      holder: this.options.holder,
      acquiredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.durationMs).toISOString(),
    };
  }
}
