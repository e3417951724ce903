import { subscriptionStoreOf } from './subscription-store-of.js';
import { ComplianceScheduler, type RoundReport } from '../../core/compliance/compliance-scheduler.js';
import type { SlotClaims } from '../../core/compliance/slot-claims.js';
import { type Leadership, soleLeader } from '../../core/leases/leadership.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { AppServices } from '../app-services.js';
import type { ConversationReferences } from '../conversations/conversation-references.js';
import { ProactiveCardPoster } from './proactive-card-poster.js';
import type { ProactivePort } from '../hosts/host-port.js';
import { RateLimitedSender } from './rate-limited-sender.js';
import type { SendLimits } from './send-limits.js';
import { createSubscriptionDelivery } from './subscription-delivery.js';

/** Cron has minute resolution; a check every 15 s posts within 15 s of the slot. */
export const SCHEDULER_TICK_MS = 15_000;

export interface ComplianceSchedulerOptions {
  readonly services: AppServices;
  /** The bot's CloudAdapter, Microsoft app id and conversation references, as start-bot builds them. */
  readonly proactive: ProactivePort;
  readonly references: ConversationReferences;
  readonly log: Logger;
  /** Decides what is due; `services.clock` by default. Tests pass a fake clock. */
  readonly clock?: Clock;
  readonly tickMs?: number;
  readonly sendLimits?: Partial<SendLimits>;
  /** Several instances: only the leader runs rounds, and every slot is claimed before it is posted. */
  readonly leadership?: Leadership;
  readonly slots?: SlotClaims;
}

export interface RunningComplianceScheduler {
  /** One round now (tests drive the schedule with this and a fake clock). */
  runDue(): Promise<RoundReport>;
  /** Waits for the round in progress, if any. */
  idle(): Promise<void>;
  /** No new rounds; waits for the one in progress. */
  stop(): Promise<void>;
  readonly sender: RateLimitedSender;
}

/** Starts the subscription loop: a first round at once (a post missed while the bot was down goes out now), then every tick. */
export function startComplianceScheduler(options: ComplianceSchedulerOptions): RunningComplianceScheduler {
  const clock = options.clock ?? options.services.clock;
  const log = options.log.child({ component: 'compliance-scheduler' });
  const poster = new ProactiveCardPoster(options.proactive, options.references);
  const sender = new RateLimitedSender({
    messenger: poster,
    log,
    ...(options.sendLimits ? { limits: options.sendLimits } : {}),
  });
  const scheduler = new ComplianceScheduler({
    store: subscriptionStoreOf(options.services.storage),
    clock,
    log,
    delivery: createSubscriptionDelivery(options.services, sender, clock, log),
    slots: options.slots,
  });
  const leadership = options.leadership ?? soleLeader;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let rounds: Promise<unknown> = Promise.resolve();
  let ticking: Promise<void> = Promise.resolve();

  const runDue = (): Promise<RoundReport> => {
    const round = rounds.then(() => scheduler.runDue());
    rounds = round.catch(() => undefined);
    return round;
  };
  const tick = (): void => {
    timer = undefined;
    ticking = leadership
      .lead()
      .then((leading) => (leading ? runDue() : undefined))
      .then((report) => {
        if (report === undefined) return;
        if (report.due > 0) log.info({ ...report }, 'compliance subscriptions posted');
      })
      .catch((error: unknown) => log.error({ err: error }, 'compliance scheduler round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.tickMs ?? SCHEDULER_TICK_MS);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    runDue,
    sender,
    async idle() {
      await rounds;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await rounds;
      await leadership.resign();
    },
  };
}
