import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { subscriptionStoreOf } from '../../../bot/compliance/subscription-store-of.js';
import { subscriptionsCommand } from '../../../bot/commands/subscriptions.js';
import type { Actor } from '../../../core/actor.js';
import type { Subscription } from '../../../core/compliance/subscription.js';
import type { Storage } from '../../../core/ports/storage.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { countingStorage } from '../../support/counting-storage.js';
import { visibleCardTexts } from '../../support/visible-card-text.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const CHANNEL = '19:channel@thread.tacv2';

function subscription(index: number, conversationId: string): Subscription {
  return {
    id: `s-${index}`,
    conversationId,
    schedule: { cron: '0 9 * * 1', timeZone: 'UTC', description: `every Monday #${index}` },
    policies: [],
    createdBy: { id: 'u', name: 'Alex' },
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
    state: 'active',
  };
}

async function storeWith(storage: Storage, others: number): Promise<void> {
  const store = subscriptionStoreOf(storage);
  await store.add(subscription(1, CHANNEL));
  await store.add(subscription(2, `${CHANNEL};messageid=123`));
  for (let index = 0; index < others; index += 1) await store.add(subscription(100 + index, `a:chat-${index}`));
}

describe('subscriptions lists its place from one page of an index (issue 28)', () => {
  it('reads the same few requests with 10 or 1,000 other conversations subscribed, threads of a channel included', async () => {
    const costs: number[] = [];
    for (const others of [10, 1_000]) {
      const memory = createMemoryStorage();
      await storeWith(memory, others);
      const probe = countingStorage(memory);
      const services = testAppServices({ storage: probe.storage });
      const context = testCommandContext({
        services,
        actor: alex,
        roles: ['reader'],
        conversation: { id: `${CHANNEL};messageid=456`, type: 'channel' },
      });
      await subscriptionStoreOf(probe.storage).inPlace(CHANNEL); // the store's one-time index check, before measuring
      const before = probe.requests();
      const shown = visibleCardTexts(await subscriptionsCommand.run({}, context)).join('\n');
      costs.push(probe.requests() - before);
      expect(shown).toContain('every Monday #1');
      expect(shown).toContain('every Monday #2');
      expect(shown).not.toContain('every Monday #100');
    }
    expect(costs[1]).toBe(costs[0]);
    // one page, one read per subscription of the channel
    expect(costs[0]).toBeLessThanOrEqual(3);
  });

  it('enters subscriptions stored before the index once, drops removed ones, and the scheduler still reads all', async () => {
    const memory = createMemoryStorage();
    // as an older version stored them: no place index
    await memory.put('compliance/subscription/s-1', subscription(1, CHANNEL));
    await memory.put('compliance/subscription/s-9', subscription(9, 'a:chat-9'));
    const store = subscriptionStoreOf(memory);
    expect((await store.inPlace(CHANNEL)).map((found) => found.id)).toEqual(['s-1']);
    await store.add(subscription(3, `${CHANNEL};messageid=1`));
    expect((await store.inPlace(`${CHANNEL};messageid=2`)).map((found) => found.id)).toEqual(['s-1', 's-3']);
    expect((await store.inConversation(CHANNEL)).map((found) => found.id)).toEqual(['s-1']);
    expect(await store.remove('s-1')).toBe(true);
    expect((await subscriptionStoreOf(memory).inPlace(CHANNEL)).map((found) => found.id)).toEqual(['s-3']);
    expect((await store.list()).map((found) => found.id).sort()).toEqual(['s-3', 's-9']);
  });
});
