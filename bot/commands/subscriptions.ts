import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toComplianceSubscriptionsView } from '../../cards/views/compliance-subscriptions-view.js';
import { nextRunAfter } from '../../core/compliance/schedule.js';
import { SubscriptionStore } from '../../core/compliance/subscription-store.js';
import { defineCommand } from '../context/command-context.js';
import { sameChannelOrChat } from '../conversations/teams-channel.js';

export const subscriptionsCommand = defineCommand({
  name: 'subscriptions',
  summary: 'Lists the compliance subscriptions of this conversation, with their next post.',
  usage: 'subscriptions',
  examples: ['subscriptions'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'reader',
  async run(_args, { services, conversation }) {
    const now = services.clock.now();
    // Any thread of a channel: its scheduled summaries are new posts, each a thread of its own.
    const subscriptions = (await new SubscriptionStore(services.storage).list()).filter((subscription) =>
      sameChannelOrChat(subscription.conversationId, conversation.id),
    );
    const rows = subscriptions
      .sort((left, right) => left.createdAt.localeCompare(right.createdAt))
      .map((subscription) => {
        const last = new Date(subscription.lastRunAt ?? subscription.createdAt);
        return {
          subscription,
          nextRun: nextRunAfter(subscription.schedule, last.getTime() > now.getTime() ? last : now),
        };
      });
    return renderCard('compliance-subscriptions', toComplianceSubscriptionsView(rows, now));
  },
});
