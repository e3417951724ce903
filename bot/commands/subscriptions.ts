import { subscriptionStoreOf } from '../compliance/subscription-store-of.js';
import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toComplianceSubscriptionsView } from '../../cards/views/compliance-subscriptions-view.js';
import { nextRunAfter } from '../../core/compliance/schedule.js';
import { defineCommand } from '../context/command-context.js';

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
    // Any thread of a channel: its scheduled summaries are new posts, each a thread of its own. One page of the
    // channel's (or chat's) place index, whatever other conversations subscribed to (issue 28).
    const subscriptions = await subscriptionStoreOf(services.storage).inPlace(conversation.id);
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
