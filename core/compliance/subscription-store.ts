import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashedKeyPart, oldestFirst } from '../storage/index-keys.js';
import { readPages } from '../storage/read-pages.js';
import type { Storage } from '../ports/storage.js';
import { isETagConflict } from '../ports/storage.js';
import { type Subscription, subscriptionSchema } from './subscription.js';

const PREFIX = 'compliance/subscription/';
/**
 * One small key per subscription under the place it posts to (issue 28): `subscriptions` reads one page of its place,
 * whatever other conversations hold. Not under PREFIX, so the scheduler's reading of every subscription skips it.
 */
const BY_PLACE = 'compliance/subscription-place/';
/** Set once every subscription stored before the place index existed has been entered in it. */
const PLACE_INDEX_BUILT = 'compliance/subscription-place-index/v1';
/** More than a place can hold (subscribe caps a conversation at 10): one page is all of it. */
const PLACE_PAGE = 200;
const MAX_UPDATE_ATTEMPTS = 5;
const placeEntrySchema = z.object({ id: z.string() });
/** Stores whose place index is known built: a store is made per turn, the check need not be. */
const builtPlaceIndexes = new WeakSet<Storage>();

/** Which conversations share a list of subscriptions; the bot passes Teams' rule (a channel's threads are one place). */
export type PlaceOf = (conversationId: string) => string;

/** Subscriptions through the storage port, so they survive restarts. */
export class SubscriptionStore {
  constructor(
    private readonly storage: Storage,
    private readonly placeOf: PlaceOf,
  ) {}

  newId(): string {
    return randomUUID().slice(0, 8);
  }

  async add(subscription: Subscription): Promise<void> {
    await this.storage.put(PREFIX + subscription.id, subscriptionSchema.parse(subscription), { ifNoneMatch: '*' });
    await this.storage.put(this.placeKey(subscription), { id: subscription.id });
  }

  async get(id: string): Promise<Subscription | undefined> {
    const item = await this.storage.get(PREFIX + id);
    return item ? subscriptionSchema.safeParse(item.value).data : undefined;
  }

  async list(): Promise<Subscription[]> {
    const items = await readPages(this.storage, PREFIX);
    return items.flatMap((item) => subscriptionSchema.safeParse(item.value).data ?? []);
  }

  /**
   * The subscriptions of the conversation's place (every thread of a channel, or one chat), oldest first: one page of
   * the place index and one read per subscription found, whatever other places hold.
   */
  async inPlace(conversationId: string): Promise<Subscription[]> {
    await this.indexOlderSubscriptions();
    const page = await this.storage.page(this.placePrefix(conversationId), { limit: PLACE_PAGE });
    const ids = page.items.flatMap((item) => placeEntrySchema.safeParse(item.value).data?.id ?? []);
    const found = await Promise.all(ids.map((id) => this.get(id)));
    const place = this.placeOf(conversationId);
    // an entry whose subscription is gone (a kill between the two deletes) is skipped
    return found.filter(
      (subscription): subscription is Subscription =>
        subscription !== undefined && this.placeOf(subscription.conversationId) === place,
    );
  }

  async inConversation(conversationId: string): Promise<Subscription[]> {
    return (await this.inPlace(conversationId)).filter(
      (subscription) => subscription.conversationId === conversationId,
    );
  }

  async remove(id: string): Promise<boolean> {
    const subscription = await this.get(id);
    const removed = await this.storage.delete(PREFIX + id);
    if (subscription) await this.storage.delete(this.placeKey(subscription));
    return removed;
  }

  /** Once per store: the subscriptions of a version without the place index are read one last time and entered. */
  private async indexOlderSubscriptions(): Promise<void> {
    if (builtPlaceIndexes.has(this.storage)) return;
    if (!(await this.storage.get(PLACE_INDEX_BUILT))) {
      for (const subscription of await this.list())
        await this.storage.put(this.placeKey(subscription), { id: subscription.id });
      await this.storage.put(PLACE_INDEX_BUILT, { built: true });
    }
    builtPlaceIndexes.add(this.storage);
  }

  private placePrefix(conversationId: string): string {
    return `${BY_PLACE}${hashedKeyPart(this.placeOf(conversationId))}/`;
  }

  private placeKey(subscription: Subscription): string {
    return this.placePrefix(subscription.conversationId) + oldestFirst(subscription.createdAt, subscription.id);
  }

  /** Applies `change` to the stored value (compare-and-swap); `undefined` when the subscription is gone. */
  async update(id: string, change: (current: Subscription) => Subscription): Promise<Subscription | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const item = await this.storage.get(PREFIX + id);
      const current = item ? subscriptionSchema.safeParse(item.value).data : undefined;
      if (!item || !current) return undefined;
      const next = subscriptionSchema.parse(change(current));
      try {
        await this.storage.put(PREFIX + id, next, { ifMatch: item.eTag });
        return next;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_UPDATE_ATTEMPTS) throw error;
      }
    }
  }
}
