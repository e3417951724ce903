import { isETagConflict, type Storage } from '../ports/storage.js';

const PREFIX = 'slot/';
/** Claims kept per subscription; older ones can no longer be due, so they go. */
const CLAIMS_KEPT = 10;

/** Who posts a subscription's scheduled slot: the first to claim it, once, whatever the number of instances. */
export interface SlotClaims {
  /** True for exactly one caller per subscription and slot. */
  claim(subscriptionId: string, slot: Date): Promise<boolean>;
}

/** One process decides alone (the file store). */
export const soleClaimant: SlotClaims = { claim: async () => true };

/** A claim is an item created with If-None-Match: *; the storage decides who was first. */
export class StoredSlotClaims implements SlotClaims {
  constructor(private readonly storage: Storage) {}

  async claim(subscriptionId: string, slot: Date): Promise<boolean> {
    const prefix = `${PREFIX}${subscriptionId}/`;
    try {
      await this.storage.put(`${prefix}${slot.toISOString()}`, { claimedAt: slot.toISOString() }, { ifNoneMatch: '*' });
    } catch (error) {
      if (isETagConflict(error)) return false;
      throw error;
    }
    const claims = await this.storage.list(prefix);
    await Promise.all(claims.slice(0, -CLAIMS_KEPT).map((item) => this.storage.delete(item.key).catch(() => false)));
    return true;
  }
}
