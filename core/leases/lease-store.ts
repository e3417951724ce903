import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import { isETagConflict, type Storage } from '../ports/storage.js';
import { type StoreTime, storeTimeOf } from './store-time.js';

const PREFIX = 'lease/';

const leaseRecordSchema = z.object({ holder: z.string(), expiresAt: z.string(), acquiredAt: z.string() });
type LeaseRecord = z.infer<typeof leaseRecordSchema>;

/**
 * A lease this instance holds unless renewed: until `expiresAt` on the store's time, which this instance counts on only
 * until `heldUntil` on its own clock (an elapsed time from its own reading, so a skewed wall clock does not matter).
 * `eTag` proves it is still the same lease.
 */
export interface Lease {
  readonly name: string;
  readonly eTag: string;
  readonly expiresAt: Date;
  readonly heldUntil: number;
}

export interface LeaseStoreOptions {
  readonly storage: Storage;
  /** This instance's clock, used only to measure elapsed time since a lease was written (its offset never matters). */
  readonly clock: Clock;
  /** The store's time, on which every expiry is written and judged; the default is `clock` (a store in this process). */
  readonly storeTime?: StoreTime;
  /** This instance, as other instances and logs see it. */
  readonly holder: string;
  readonly durationMs: number;
}

/**
 * Compare-and-swap leases in the Storage port: whoever creates or replaces the lease item (If-None-Match: * or
 * If-Match on an expired one) holds it. Works on every Storage, so memory, file and blob behave alike. Expiry is written
 * and judged on the store's time (`StoreTime`), never by comparing instances' wall clocks: the holder counts on its
 * lease for the duration minus the store time's uncertainty, measured on its own clock from before it read the time.
 */
export class LeaseStore {
  private readonly storeTime: StoreTime;

  constructor(private readonly options: LeaseStoreOptions) {
    this.storeTime = options.storeTime ?? storeTimeOf(options.clock);
  }

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
    const fresh = await this.freshRecord();
    if (item && current && !expiredAt(current, fresh.storeNow)) return undefined;
    try {
      const eTag = await this.options.storage.put(
        key,
        fresh.record,
        item ? { ifMatch: item.eTag } : { ifNoneMatch: '*' },
      );
      return { name, eTag, expiresAt: new Date(fresh.record.expiresAt), heldUntil: fresh.heldUntil };
    } catch (error) {
      if (isETagConflict(error)) return undefined;
      throw error;
    }
  }

  /** The same lease for another full duration; undefined when it was lost (expired and taken, or deleted). */
  async renew(lease: Lease): Promise<Lease | undefined> {
    const fresh = await this.freshRecord();
    try {
      const eTag = await this.options.storage.put(PREFIX + lease.name, fresh.record, { ifMatch: lease.eTag });
      return { name: lease.name, eTag, expiresAt: new Date(fresh.record.expiresAt), heldUntil: fresh.heldUntil };
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
    return current && !expiredAt(current, await this.storeTime.now()) ? current.holder : undefined;
  }

  /** False once the lease's time may be up on the store, whatever the renewals say. */
  unexpired(lease: Lease): boolean {
    return lease.heldUntil > this.options.clock.now().getTime();
  }

  /** A record running a full duration from the store's time now, and until when this instance may count on it. */
  private async freshRecord(): Promise<{ record: LeaseRecord; storeNow: number; heldUntil: number }> {
    const before = this.options.clock.now().getTime();
    const storeNow = await this.storeTime.now();
    const { durationMs, holder } = this.options;
    return {
      storeNow,
      heldUntil: before + durationMs - this.storeTime.uncertaintyMs,
      record: {
        holder,
        acquiredAt: new Date(storeNow).toISOString(),
        expiresAt: new Date(storeNow + durationMs).toISOString(),
      },
    };
  }
}

function expiredAt(record: LeaseRecord, storeNow: number): boolean {
  return Date.parse(record.expiresAt) <= storeNow;
}
