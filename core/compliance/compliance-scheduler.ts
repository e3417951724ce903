import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ComplianceSnapshot } from './compliance-snapshot.js';
import { mapBounded } from './map-bounded.js';
import { nextRunAfter } from './schedule.js';
import { type SlotClaims, soleClaimant } from './slot-claims.js';
import type { Subscription } from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';

/** Posts started at once; the sender's rate limits spread them out, this only bounds memory and sockets. */
export const DELIVERY_CONCURRENCY = 64;

export type DeliveryOutcome =
  | { readonly kind: 'sent' }
  /** The conversation answered 403/404 (bot removed, or not allowed to post): retrying would not help. */
  | { readonly kind: 'unreachable'; readonly status?: number }
  | { readonly kind: 'failed'; readonly error: unknown };

/** The side that reads the tenant and posts; the bot supplies it. */
export interface SummaryDelivery {
  /** Called once per round for every subscription due in it; `undefined` means every managed policy. */
  read(policyIds: readonly string[] | undefined): Promise<ComplianceSnapshot>;
  deliver(subscription: Subscription, snapshot: ComplianceSnapshot): Promise<DeliveryOutcome>;
}

export interface RoundReport {
  readonly due: number;
  readonly sent: number;
  readonly paused: number;
  readonly failed: number;
}

export interface ComplianceSchedulerOptions {
  readonly store: SubscriptionStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly delivery: SummaryDelivery;
  /** Several instances: each slot is claimed, and only its claimant posts it. */
  readonly slots?: SlotClaims;
}

/**
 * Decides which subscriptions are due (time from the Clock port) and records each attempt in `lastRunAt`. A
 * subscription whose slots were missed while the bot was down is due once, not once per missed slot.
 */
export class ComplianceScheduler {
  constructor(private readonly options: ComplianceSchedulerOptions) {}

  /** The next slot after the last attempt (or after creation). */
  nextRun(subscription: Subscription): Date | undefined {
    return nextRunAfter(subscription.schedule, new Date(subscription.lastRunAt ?? subscription.createdAt));
  }

  async runDue(): Promise<RoundReport> {
    const { store, clock, log, delivery } = this.options;
    const now = clock.now();
    const due = await this.claimed(
      (await store.list()).filter(
        (subscription) => subscription.state === 'active' && isDue(this.nextRun(subscription), now),
      ),
      now,
    );
    if (due.length === 0) return { due: 0, sent: 0, paused: 0, failed: 0 };

    let snapshot: ComplianceSnapshot;
    try {
      snapshot = await delivery.read(policiesOf(due));
    } catch (error) {
      log.error(
        { err: error, subscriptions: due.length },
        'compliance numbers could not be read; the next scheduled slot will try again',
      );
      await Promise.all(due.map((subscription) => this.markRun(subscription, now)));
      return { due: due.length, sent: 0, paused: 0, failed: due.length };
    }

    const outcomes = await mapBounded(due, DELIVERY_CONCURRENCY, async (subscription) => {
      const outcome = await delivery
        .deliver(subscription, snapshotFor(subscription, snapshot))
        .catch((error: unknown): DeliveryOutcome => ({ kind: 'failed', error }));
      await this.settle(subscription, outcome, now);
      return outcome;
    });
    const count = (kind: DeliveryOutcome['kind']): number => outcomes.filter((outcome) => outcome.kind === kind).length;
    return { due: due.length, sent: count('sent'), paused: count('unreachable'), failed: count('failed') };
  }

  /** The due subscriptions whose slot this instance claimed; another instance posts the rest. */
  private async claimed(due: readonly Subscription[], now: Date): Promise<Subscription[]> {
    const slots = this.options.slots ?? soleClaimant;
    const claims = await mapBounded(due, DELIVERY_CONCURRENCY, async (subscription) => {
      const slot = this.nextRun(subscription);
      const won = slot !== undefined && (await slots.claim(subscription.id, slot));
      if (!won) await this.markRun(subscription, now);
      return won;
    });
    return due.filter((_, index) => claims[index]);
  }

  private async settle(subscription: Subscription, outcome: DeliveryOutcome, now: Date): Promise<void> {
    const { store, log } = this.options;
    const fields = { subscriptionId: subscription.id, conversationId: subscription.conversationId };
    if (outcome.kind === 'unreachable') {
      const status = outcome.status === undefined ? 'no stored conversation reference' : `HTTP ${outcome.status}`;
      log.warn({ ...fields, status: outcome.status }, 'conversation cannot be reached; compliance subscription paused');
      await store.update(subscription.id, (current) => ({
        ...current,
        lastRunAt: now.toISOString(),
        state: 'paused',
        pausedReason: `the conversation could not be reached (${status})`,
      }));
      return;
    }
    if (outcome.kind === 'failed')
      log.error(
        { ...fields, err: outcome.error },
        'compliance summary could not be posted; the next scheduled slot will try again',
      );
    await this.markRun(subscription, now);
  }

  private async markRun(subscription: Subscription, now: Date): Promise<void> {
    await this.options.store.update(subscription.id, (current) => ({ ...current, lastRunAt: now.toISOString() }));
  }
}

function isDue(next: Date | undefined, now: Date): boolean {
  return next !== undefined && next.getTime() <= now.getTime();
}

function policiesOf(subscriptions: readonly Subscription[]): readonly string[] | undefined {
  if (subscriptions.some((subscription) => subscription.policies.length === 0)) return undefined;
  return [...new Set(subscriptions.flatMap((subscription) => subscription.policies.map((policy) => policy.id)))];
}

/** The part of a round's snapshot one subscription asked for. */
export function snapshotFor(subscription: Subscription, snapshot: ComplianceSnapshot): ComplianceSnapshot {
  if (subscription.policies.length === 0) return snapshot;
  const wanted = new Set(subscription.policies.map((policy) => policy.id));
  return { takenAt: snapshot.takenAt, policies: snapshot.policies.filter((policy) => wanted.has(policy.policyId)) };
}
