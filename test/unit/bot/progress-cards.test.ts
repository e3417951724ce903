import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { ProgressCards, type CardMessenger } from '../../../bot/runs/progress-cards.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { FakeClock } from '../../support/fake-clock.js';

class FakeMessenger implements CardMessenger {
  posts: { conversationId: string; card: AdaptiveCard }[] = [];
  updates: { activityId: string; card: AdaptiveCard }[] = [];
  gone = new Set<string>();

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    this.posts.push({ conversationId, card });
    return `activity-${this.posts.length}`;
  }

  async update(_conversationId: string, activityId: string, card: AdaptiveCard): Promise<void> {
    if (this.gone.has(activityId)) throw new Error('404 activity not found');
    this.updates.push({ activityId, card });
  }
}

function run(message: string): RunRecord {
  return {
    id: 'r-test01',
    kind: 'enable',
    title: 'Enable PS100042',
    requestedBy: { aadObjectId: 'a', channelUserId: '29:a', name: 'Alex' },
    conversationId: 'conv-1',
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
    status: 'active',
    resources: [],
    steps: [
      { id: 's1', kind: 'enable-collection', title: 'Enable', state: 'running', input: {}, attempts: 1, message },
    ],
  };
}

function setup(minIntervalMs = 200) {
  const messenger = new FakeMessenger();
  const cards = new ProgressCards({
    messenger,
    storage: createMemoryStorage(),
    clock: new FakeClock(),
    log: silentLogger,
    minIntervalMs,
  });
  return { messenger, cards };
}

describe('ProgressCards', () => {
  it('posts one card, then edits it in place with the latest state, coalescing bursts', async () => {
    const { messenger, cards } = setup();
    cards.runChanged(run('first'));
    await cards.idle();
    for (let index = 0; index < 20; index += 1) cards.runChanged(run(`change ${index}`));
    await cards.idle();
    expect(messenger.posts).toHaveLength(1);
    expect(messenger.updates.length).toBeGreaterThanOrEqual(1);
    expect(messenger.updates.length).toBeLessThanOrEqual(2);
    expect(JSON.stringify(messenger.updates.at(-1)?.card)).toContain('change 19');
    expect(messenger.updates.every((update) => update.activityId === 'activity-1')).toBe(true);
  });

  it('posts a new, linked card when the original can no longer be updated', async () => {
    const { messenger, cards } = setup(10);
    cards.runChanged(run('first'));
    await cards.idle();
    messenger.gone.add('activity-1');
    cards.runChanged(run('second'));
    await cards.idle();
    expect(messenger.posts).toHaveLength(2);
    expect(JSON.stringify(messenger.posts[1]?.card)).toContain('continues an earlier one');
    expect(await cards.cardOf('r-test01')).toMatchObject({ activityId: 'activity-2' });
    cards.runChanged(run('third'));
    await cards.idle();
    expect(messenger.updates.at(-1)?.activityId).toBe('activity-2');
  });
});
