import { subscriptionStoreOf } from '../compliance/subscription-store-of.js';
import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { sameObjectId } from '../../core/identity/object-id.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { defineCommand } from '../context/command-context.js';
import { sameChannelOrChat } from '../conversations/teams-channel.js';

export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  summary: 'Stops a compliance subscription of this conversation.',
  usage: 'unsubscribe <id>',
  examples: ['unsubscribe 3f9a1c2e'],
  positionals: ['id'],
  args: z.object({ id: z.string().trim().min(1).max(64) }),
  changesTenant: false,
  role: 'operator',
  async run({ id }, { services, conversation, actor, access }) {
    const store = subscriptionStoreOf(services.storage);
    const subscription = await store.get(id);
    if (!subscription || !sameChannelOrChat(subscription.conversationId, conversation.id)) {
      throw new UserFacingError(
        'Subscription not found',
        `This conversation has no compliance subscription with the id "${id}".`,
        'Type subscriptions to see the ids of this conversation.',
      );
    }
    const ownSubscription = actor.aadObjectId
      ? sameObjectId(subscription.createdBy.id, actor.aadObjectId)
      : subscription.createdBy.id === actor.channelUserId;
    if (!ownSubscription) await access.require('admin', `Removing ${subscription.createdBy.name}'s subscription`);
    await store.remove(subscription.id);
    return renderCard('notice', {
      title: `Unsubscribed: ${subscription.id}`,
      message: `No more compliance summaries ${subscription.schedule.description} will be posted here.`,
    });
  },
});
