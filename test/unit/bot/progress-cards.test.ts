import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { ProgressCards, type CardMessenger } from '../../../bot/runs/progress-cards.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { ConversationUnreachableError } from '../../../bot/conversations/proactive-messenger.js';
import { FakeClock } from '../../support/fake-clock.js';
import { recordingLogger } from '../../support/recording-logger.js';

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

function run(message: string, changes: Partial<RunRecord> = {}): RunRecord {
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
    ...changes,
  };
}

/** A post that waits until the test lets it go: the synchronization point for what happens while it is in flight. */
class HeldMessenger extends FakeMessenger {
  private release: ((outcome: 'ok' | 'fail') => void) | undefined;
  private notifyPosted: () => void = () => undefined;
  readonly posted = new Promise<void>((resolve) => (this.notifyPosted = resolve));

  override async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    if (this.posts.length > 0 || this.release) return super.post(conversationId, card);
    const outcome = await new Promise<'ok' | 'fail'>((resolve) => {
      this.release = resolve;
      this.notifyPosted();
    });
    if (outcome === 'fail') throw new Error('503 from the connector');
    return super.post(conversationId, card);
  }

  finishFirstPost(outcome: 'ok' | 'fail'): void {
    this.release?.(outcome);
  }
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
  it('holds no state for finished runs but their last change time, and at most finishedRemembered of those', async () => {
    const messenger = new FakeMessenger();
    const remembered = 20;
    const cards = new ProgressCards({
      messenger,
      storage: createMemoryStorage(),
      clock: new FakeClock(),
      log: silentLogger,
      minIntervalMs: 0,
      finishedRemembered: remembered,
    });
    const total = remembered + 15;
    for (let index = 0; index < total; index += 1) {
      const id = `r-${index}`;
      cards.runChanged(run('moving', { id }));
      await cards.idle();
      cards.runChanged(run('done', { id, status: 'done', updatedAt: '2026-11-23T09:01:00Z' }));
      await cards.idle();
    }
    cards.runChanged(run('still moving', { id: 'r-moving' }));
    await cards.idle();
    expect(messenger.posts).toHaveLength(total + 1);
    expect(messenger.updates).toHaveLength(total);
    expect(cards.held()).toEqual({ moving: 1, finished: remembered });
  });

  it('a late, older notification of a finished run does not bring its old state back; a newer one (a retry) does', async () => {
    const { messenger, cards } = setup(0);
    cards.runChanged(run('done', { status: 'done', updatedAt: '2026-11-23T09:01:00Z' }));
    await cards.idle();
    cards.runChanged(run('stale'));
    await cards.idle();
    expect(messenger.posts).toHaveLength(1);
    expect(messenger.updates).toHaveLength(0);
    cards.runChanged(run('retried', { updatedAt: '2026-11-23T09:02:00Z' }));
    await cards.idle();
    expect(JSON.stringify(messenger.updates.at(-1)?.card)).toContain('retried');
  });

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

  it('shows the last state of a run that ends while its first card is still being posted, even if that post fails', async () => {
    const messenger = new HeldMessenger();
    const cards = new ProgressCards({
      messenger,
      storage: createMemoryStorage(),
      clock: new FakeClock(),
      log: silentLogger,
      minIntervalMs: 0,
    });
    // Timers are driven by hand so the second edit is queued exactly while the first post is in flight.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      cards.runChanged(run('starting'));
      vi.runOnlyPendingTimers();
      await messenger.posted;
      cards.runChanged(run('all done', { status: 'done', updatedAt: '2026-11-23T09:00:01Z' }));
      vi.runOnlyPendingTimers();
    } finally {
      vi.useRealTimers();
    }
    messenger.finishFirstPost('fail');
    await cards.idle();
    expect(JSON.stringify(messenger.posts.at(-1)?.card)).toContain('all done');
  });

  it('never lets an older state of a run replace a newer one on its card', async () => {
    const { messenger, cards } = setup(0);
    cards.runChanged(run('finished', { status: 'done', updatedAt: '2026-11-23T09:00:05Z' }));
    cards.runChanged(run('still running', { updatedAt: '2026-11-23T09:00:01Z' }));
    await cards.idle();
    cards.runChanged(run('late echo', { updatedAt: '2026-11-23T09:00:02Z' }));
    await cards.idle();
    const shown = JSON.stringify([...messenger.posts, ...messenger.updates].at(-1)?.card);
    expect(shown).toContain('finished');
    expect(shown).not.toContain('still running');
    expect(shown).not.toContain('late echo');
  });

  it('says once, in one warning without a stack, that an unreachable chat did not get the card; the next change tries again', async () => {
    const messenger = new FakeMessenger();
    const unreachable = new Set(['conv-1']);
    messenger.post = async (conversationId, card) => {
      if (unreachable.has(conversationId)) throw new ConversationUnreachableError(conversationId, 404);
      return FakeMessenger.prototype.post.call(messenger, conversationId, card);
    };
    const log = recordingLogger();
    const cards = new ProgressCards({
      messenger,
      storage: createMemoryStorage(),
      clock: new FakeClock(),
      log,
      minIntervalMs: 0,
    });
    cards.runChanged(run('first'));
    await cards.idle();
    cards.runChanged(run('second', { updatedAt: '2026-11-23T09:00:01Z' }));
    await cards.idle();
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    const warnings = log.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ runId: 'r-test01', conversationId: 'conv-1', status: 404 });
    expect(warnings[0]?.fields).not.toHaveProperty('err');
    unreachable.clear();
    cards.runChanged(run('third', { updatedAt: '2026-11-23T09:00:02Z' }));
    await cards.idle();
    expect(JSON.stringify(messenger.posts.at(-1)?.card)).toContain('third');
  });
});
