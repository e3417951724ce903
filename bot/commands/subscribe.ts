import { subscriptionStoreOf } from '../compliance/subscription-store-of.js';
import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { formatMoment } from '../../cards/time-format.js';
import { toUsageErrorView } from '../../cards/views/usage-error-view.js';
import { parseScheduleFlags } from '../../core/compliance/schedule-flags.js';
import { nextRunAfter } from '../../core/compliance/schedule.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { choosePolicies } from '../compliance/policy-choice.js';
import { ConversationReferences } from '../conversations/conversation-references.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const MAX_SUBSCRIPTIONS_PER_CONVERSATION = 10;

const flag = z.string().trim().min(1).max(200);

/** Name, usage and examples, also shown on the usage card when a flag's value is wrong. */
const SUBSCRIBE_HELP = {
  name: 'subscribe',
  usage:
    'subscribe compliance [--daily --at <HH:MM>] [--weekly <day> --at <HH:MM>] [--cron "<expr>"] [--tz <IANA zone>] [--policy <name>...]',
  examples: [
    'subscribe compliance --daily --at 09:00 --tz Europe/Paris',
    'subscribe compliance --weekly monday --at 08:30 --policy "EDR - Windows"',
    'subscribe compliance --cron "0 */4 * * *"',
  ],
};

export const subscribeCommand = defineCommand({
  ...SUBSCRIBE_HELP,
  summary: 'Posts a compliance summary here on a schedule (daily, weekly or cron, in your time zone).',
  positionals: ['topic'],
  args: z.object({
    topic: z.enum(['compliance']),
    daily: z.boolean().optional(),
    weekly: flag.optional(),
    at: flag.optional(),
    cron: flag.optional(),
    tz: flag.optional(),
    policy: z.array(z.string().trim().min(1).max(256)).max(50).optional(),
  }),
  changesTenant: false,
  role: 'operator',
  async run(args, { services, conversation, actor }) {
    const schedule = parseScheduleFlags(args);
    if (!schedule.ok) return renderCard('usage-error', toUsageErrorView(SUBSCRIBE_HELP, schedule.problems));
    const chosen = await choosePolicies(requireTenant(services), args.policy ?? []);
    if (!chosen.ok) return renderCard('usage-error', toUsageErrorView(SUBSCRIBE_HELP, chosen.problems));

    if (!(await new ConversationReferences(services.storage).get(conversation.id))) throw cannotPostHere();
    const store = subscriptionStoreOf(services.storage);
    if ((await store.inConversation(conversation.id)).length >= MAX_SUBSCRIPTIONS_PER_CONVERSATION) {
      throw new UserFacingError(
        'Too many subscriptions here',
        `This conversation already has ${MAX_SUBSCRIPTIONS_PER_CONVERSATION} compliance subscriptions.`,
        'Type subscriptions, then unsubscribe <id> for one you no longer need.',
      );
    }
    const now = services.clock.now();
    const subscription = {
      id: store.newId(),
      conversationId: conversation.id,
      schedule: schedule.schedule,
      policies: [...chosen.policies],
      createdBy: { id: actor.aadObjectId ?? actor.channelUserId, name: actor.name },
      createdAt: now.toISOString(),
      state: 'active' as const,
    };
    await store.add(subscription);
    const next = nextRunAfter(schedule.schedule, now);
    const scope =
      chosen.policies.length === 0
        ? 'every policy AttachOps manages'
        : chosen.policies.map((policy) => policy.name).join(', ');
    return renderCard('notice', {
      title: 'Subscribed',
      message: `A compliance summary of ${scope} will be posted here ${schedule.schedule.description}. ${next ? `Next post: ${formatMoment(next, now)}.` : 'The schedule does not fire again.'} Type unsubscribe ${subscription.id} to stop it.`,
    });
  },
});

function cannotPostHere(): UserFacingError {
  return new UserFacingError(
    'I cannot post to this conversation on my own',
    'Scheduled summaries are posted without anyone writing first, and I have no stored address for this conversation to do that.',
    'Add AttachOps to the team (or start a personal chat with it), then subscribe again.',
  );
}
