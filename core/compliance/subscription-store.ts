import { randomUUID } from 'node:crypto';
import { readPages } from '../storage/read-pages.js';
import type { Storage } from '../ports/storage.js';
import { isETagConflict } from '../ports/storage.js';
import { type Subscription, subscriptionSchema } from './subscription.js';

const PREFIX = 'compliance/subscription/';
const MAX_UPDATE_ATTEMPTS = 5;

/** Subscriptions through the storage port, so they survive restarts. */
export class SubscriptionStore {
  constructor(private readonly storage: Storage) {}

  newId(): string {
    return randomUUID().slice(0, 8);
  }

  async add(subscription: Subscription): Promise<void> {
    await this.storage.put(PREFIX + subscription.id, subscriptionSchema.parse(subscription), { ifNoneMatch: '*' });
  }

  async get(id: string): Promise<Subscription | undefined> {
    const item = await this.storage.get(PREFIX + id);
    return item ? subscriptionSchema.safeParse(item.value).data : undefined;
  }

  async list(): Promise<Subscription[]> {
    const items = await readPages(this.storage, PREFIX);
    return items.flatMap((item) => subscriptionSchema.safeParse(item.value).data ?? []);
  }

  async inConversation(conversationId: string): Promise<Subscription[]> {
    return (await this.list()).filter((subscription) => subscription.conversationId === conversationId);
  }

  async remove(id: string): Promise<boolean> {
    return this.storage.delete(PREFIX + id);
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
