import { formatMoment } from '../time-format.js';
import type { Subscription } from '../../core/compliance/subscription.js';
import { shorten } from './compliance-format.js';

export interface ComplianceSubscriptionRowView {
  readonly title: string;
  readonly details: string;
  readonly stateLine: string;
  readonly stateColor: string;
}

export interface ComplianceSubscriptionsView {
  readonly title: string;
  readonly rows: readonly ComplianceSubscriptionRowView[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly hint: string;
}

export function toComplianceSubscriptionsView(
  subscriptions: readonly { subscription: Subscription; nextRun: Date | undefined }[],
  now: Date,
): ComplianceSubscriptionsView {
  return {
    title: 'Compliance subscriptions in this conversation',
    rows: subscriptions.map(({ subscription, nextRun }) => ({
      title: `${subscription.id} · ${subscription.schedule.description}`,
      details: [
        subscription.policies.length === 0
          ? 'every AttachOps policy'
          : shorten(subscription.policies.map((policy) => policy.name).join(', '), 200),
        `by ${shorten(subscription.createdBy.name, 60)}`,
        subscription.lastRunAt ? `last post ${formatMoment(subscription.lastRunAt, now)}` : 'not posted yet',
      ].join(' · '),
      stateLine:
        subscription.state === 'paused'
          ? `Paused${subscription.lastRunAt ? ` ${formatMoment(subscription.lastRunAt, now)}` : ''}: ${subscription.pausedReason ?? 'no reason recorded'}`
          : nextRun
            ? `Next post ${formatMoment(nextRun, now)}`
            : 'The schedule does not fire again.',
      stateColor: subscription.state === 'paused' ? 'Attention' : 'Default',
    })),
    isEmpty: subscriptions.length === 0,
    emptyText: 'No compliance subscriptions here yet.',
    hint: 'Type subscribe compliance --daily --at 09:00 to add one, or unsubscribe <id> to remove one.',
  };
}
