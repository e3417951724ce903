import { subscriptionStoreOf } from '../compliance/subscription-store-of.js';
import { z } from 'zod';
import { UserFacingError } from '../../core/user-facing-error.js';
import { complianceCardContext, MAX_COMPLIANCE_PAGE, summaryCard } from '../compliance/compliance-cards.js';
import { SCHEDULED_SUMMARY_TITLE } from '../compliance/subscription-delivery.js';
import { sameChannelOrChat } from '../conversations/teams-channel.js';
import { defineVerb } from './verb.js';

export const compliancePageVerb = defineVerb({
  verb: 'compliance.page',
  button: "the compliance summary's page buttons",
  data: z
    .object({
      page: z.number().int().min(1).max(MAX_COMPLIANCE_PAGE),
      subscriptionId: z.string().min(1).max(64).optional(),
    })
    .strict(),
  role: 'reader',
  async run({ page, subscriptionId }, { services, conversation, log }) {
    const context = complianceCardContext(services, conversation.id, log);
    if (subscriptionId === undefined) return summaryCard(context, { page, samePost: true });
    const subscription = await subscriptionStoreOf(services.storage).get(subscriptionId);
    // A channel's scheduled summary is a new post, so its page buttons are clicked in another thread of the channel.
    if (!subscription || !sameChannelOrChat(subscription.conversationId, conversation.id)) {
      throw new UserFacingError(
        'Subscription not found',
        'The subscription this summary came from was removed, or belongs to another conversation.',
        'Type compliance for a fresh summary.',
      );
    }
    return summaryCard(context, {
      page,
      samePost: true,
      policyIds: subscription.policies.map((policy) => policy.id),
      subscriptionId,
      title: SCHEDULED_SUMMARY_TITLE,
    });
  },
});
