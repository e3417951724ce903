import { SubscriptionStore } from '../../core/compliance/subscription-store.js';
import type { Storage } from '../../core/ports/storage.js';
import { channelOfConversation } from '../conversations/teams-channel.js';

/** The subscription store with Teams' rule for places: every thread of a channel lists the channel's subscriptions. */
export function subscriptionStoreOf(storage: Storage): SubscriptionStore {
  return new SubscriptionStore(storage, channelOfConversation);
}
