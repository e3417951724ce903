import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import {
  ComplianceScheduler,
  type DeliveryOutcome,
  type SummaryDelivery,
} from '../../../core/compliance/compliance-scheduler.js';
import type { ComplianceSnapshot } from '../../../core/compliance/compliance-snapshot.js';
import { StoredSlotClaims } from '../../../core/compliance/slot-claims.js';
import { SubscriptionStore } from '../../../core/compliance/subscription-store.js';
import type { Subscription } from '../../../core/compliance/subscription.js';
import { createRecordingLogger } from '../storage/recording-logger.js';
import { FakeClock } from '../../support/fake-clock.js';

const MINUTE = 60_000;

class FakeDelivery implements SummaryDelivery {
  readonly reads: (readonly string[] | undefined)[] = [];
  readonly posts: { subscriptionId: string; at: Date }[] = [];
  readonly outcomes = new Map<string, DeliveryOutcome>();
  readFails = false;

  constructor(private readonly clock: FakeClock) {}

  async read(policyIds: readonly string[] | undefined): Promise<ComplianceSnapshot> {
    this.reads.push(policyIds);
    if (this.readFails) throw new Error('Graph throttled the request (429) after 5 retries');
    return { takenAt: this.clock.now(), policies: [] };
  }

  async deliver(subscription: Subscription): Promise<DeliveryOutcome> {
    this.posts.push({ subscriptionId: subscription.id, at: this.clock.now() });
    return this.outcomes.get(subscription.conversationId) ?? { kind: 'sent' };
  }
}

async function setup(cron = '0 9 * * *', timeZone = 'UTC') {
  const clock = new FakeClock(Date.parse('2026-11-23T08:30:00Z'));
  const storage = createMemoryStorage();
  const store = new SubscriptionStore(storage, (conversationId) => conversationId);
  const delivery = new FakeDelivery(clock);
  const log = createRecordingLogger();
  const subscription: Subscription = {
    id: 'sub-1',
    conversationId: '19:a',
    schedule: { cron, timeZone, description: cron },
    policies: [],
    createdBy: { id: 'u', name: 'Alex' },
    createdAt: clock.now().toISOString(),
    state: 'active',
  };
  await store.add(subscription);
  const scheduler = () => new ComplianceScheduler({ store, clock, log, delivery });
  const claiming = () => new ComplianceScheduler({ store, clock, log, delivery, slots: new StoredSlotClaims(storage) });
  return { clock, store, delivery, log, scheduler, claiming, subscription };
}

describe('the compliance scheduler', () => {
  it('with slot claims, two instances in the same round post each slot once', async () => {
    const { clock, delivery, claiming } = await setup('*/1 * * * *');
    const [first, second] = [claiming(), claiming()];
    for (let slot = 1; slot <= 3; slot += 1) {
      clock.advance(MINUTE);
      await Promise.all([first.runDue(), second.runDue()]);
      expect(delivery.posts).toHaveLength(slot);
    }
  });

  it('without slot claims, two instances in the same round would post twice (what the claims prevent)', async () => {
    const { clock, delivery, scheduler } = await setup('*/1 * * * *');
    clock.advance(MINUTE);
    await Promise.all([scheduler().runDue(), scheduler().runDue()]);
    expect(delivery.posts).toHaveLength(2);
  });

  it('posts when a slot passes, once, and again at the next slot', async () => {
    const { clock, delivery, scheduler } = await setup();
    const running = scheduler();
    expect((await running.runDue()).due).toBe(0);
    clock.advance(30 * MINUTE);
    expect(await running.runDue()).toEqual({ due: 1, sent: 1, paused: 0, failed: 0 });
    expect((await running.runDue()).due).toBe(0);
    clock.advance(24 * 60 * MINUTE);
    await running.runDue();
    expect(delivery.posts.map((post) => post.at.toISOString())).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-24T09:00:00.000Z',
    ]);
  });

  it('sends a post missed while the bot was down once, not once per missed slot, and survives a restart', async () => {
    const { clock, delivery, scheduler, store } = await setup('*/1 * * * *');
    await scheduler().runDue();
    clock.advance(90 * MINUTE);
    const afterRestart = scheduler();
    expect((await afterRestart.runDue()).sent).toBe(1);
    expect((await afterRestart.runDue()).due).toBe(0);
    expect(delivery.posts).toHaveLength(1);
    expect((await store.get('sub-1'))?.lastRunAt).toBe(clock.now().toISOString());
    clock.advance(MINUTE);
    expect((await afterRestart.runDue()).sent).toBe(1);
  });

  it.each([403, 404])(
    'pauses the subscription of a conversation that answers %i, logs it, and does not retry it',
    async (status) => {
      const { clock, delivery, scheduler, store, log } = await setup('*/1 * * * *');
      delivery.outcomes.set('19:a', { kind: 'unreachable', status });
      clock.advance(MINUTE);
      expect(await scheduler().runDue()).toMatchObject({ due: 1, paused: 1 });
      const stored = await store.get('sub-1');
      expect(stored?.state).toBe('paused');
      expect(stored?.pausedReason).toContain(`HTTP ${status}`);
      expect(
        log.lines.some(
          (line) => line.level === 'warn' && line.fields.conversationId === '19:a' && line.fields.status === status,
        ),
      ).toBe(true);
      clock.advance(10 * MINUTE);
      expect((await scheduler().runDue()).due).toBe(0);
      expect(delivery.posts).toHaveLength(1);
    },
  );

  it('logs a Graph failure that outlasted the retries and keeps the schedule running', async () => {
    const { clock, delivery, scheduler, store, log } = await setup('*/1 * * * *');
    delivery.readFails = true;
    clock.advance(MINUTE);
    expect(await scheduler().runDue()).toMatchObject({ due: 1, failed: 1 });
    expect(log.lines.some((line) => line.level === 'error')).toBe(true);
    expect((await store.get('sub-1'))?.state).toBe('active');
    expect((await scheduler().runDue()).due).toBe(0);
    delivery.readFails = false;
    clock.advance(MINUTE);
    expect((await scheduler().runDue()).sent).toBe(1);
  });

  it('reads the tenant once per round for every subscription due in it', async () => {
    const { clock, delivery, scheduler, store, subscription } = await setup('*/1 * * * *');
    for (let index = 0; index < 20; index += 1)
      await store.add({
        ...subscription,
        id: `s${index}`,
        conversationId: `19:c${index}`,
        policies: [{ id: `p${index % 3}`, name: 'x' }],
      });
    await store.remove('sub-1');
    clock.advance(MINUTE);
    expect((await scheduler().runDue()).sent).toBe(20);
    expect(delivery.reads).toEqual([['p0', 'p1', 'p2']]);
  });
});
