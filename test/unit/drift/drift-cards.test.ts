import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { DriftCardStore, STALE_CLAIM_MS } from '../../../bot/drift/drift-card-store.js';
import { DriftCards } from '../../../bot/drift/drift-cards.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { DriftEpisodes } from '../../../core/drift/drift-episodes.js';
import { DriftWatch } from '../../../core/drift/drift-watch.js';
import { DriftWatcher } from '../../../core/drift/drift-watcher.js';
import { DRIFT_STEP_KINDS } from '../../../core/drift/steps/drift-step-kinds.js';
import type { RunRecord, StepRecord } from '../../../core/runs/run-record.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { FakeClock } from '../../support/fake-clock.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const CHANNEL = '19:drift@thread.tacv2';
const target = (groupId: string) => ({ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId } });
const policy = (name: string, lastModifiedDateTime: string) => ({ name, lastModifiedDateTime, settings: [] });

function recordingMessenger() {
  const posts: AdaptiveCard[] = [];
  const updates: { activityId: string; card: AdaptiveCard }[] = [];
  return {
    posts,
    updates,
    post: (_conversationId: string, card: AdaptiveCard) => {
      posts.push(card);
      return Promise.resolve(`activity-${posts.length}`);
    },
    update: (_conversationId: string, activityId: string, card: AdaptiveCard) => {
      updates.push({ activityId, card });
      return Promise.resolve();
    },
  };
}

async function twoInstances() {
  const clock = new FakeClock();
  const storage = createMemoryStorage();
  const reads = new InMemoryDriftReads();
  reads.policies.set('p1', { policy: policy('EDR', '2026-12-01T10:00:00Z'), assignments: [target('g1')] });
  const state = await reads.read('p1');
  if (!state) throw new Error('no policy');
  await new BaselineStore(storage).put(baselineFrom('p1', state, clock.now().toISOString(), { runId: 'r-1' }));
  const audit = createMemoryAuditLog(clock);
  const messenger = recordingMessenger();
  let ids = 0;
  const instance = (shared: Storage) => {
    const cards = new DriftCards({
      store: new DriftCardStore(shared),
      messenger,
      channel: CHANNEL,
      clock,
      log: silentLogger,
    });
    const watch = new DriftWatch({
      watcher: new DriftWatcher({ baselines: new BaselineStore(shared), reads, clock, log: silentLogger }),
      reads,
      episodes: new DriftEpisodes(shared, () => `d-${(ids += 1)}`),
      audit,
      notifier: cards,
      log: silentLogger,
    });
    return { cards, watch };
  };
  return { clock, storage, reads, messenger, first: instance(storage), second: instance(storage) };
}

describe('the drift card: one per episode', () => {
  it('two instances looking at once post one card; more changes update it in place; drift already shown is not posted again', async () => {
    const { reads, messenger, first, second } = await twoInstances();
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:00:00Z'), assignments: [] });
    await Promise.all([first.watch.once(), second.watch.once(), first.watch.once(), second.watch.once()]);
    expect(messenger.posts).toHaveLength(1);
    expect(JSON.stringify(messenger.posts[0])).toContain('Target removed: group g1');

    reads.policies.set('p1', { policy: policy('EDR 2', '2026-12-05T16:05:00Z'), assignments: [] });
    await second.watch.once();
    await first.watch.once();
    expect(messenger.posts).toHaveLength(1);
    expect(messenger.updates.map((update) => update.activityId)).toEqual(['activity-1']);
    expect(JSON.stringify(messenger.updates[0]?.card)).toContain('Renamed: EDR → EDR 2');
  });

  it('the same opened episode shown twice (a replay, another instance) posts once and updates the card', async () => {
    const { clock, storage, messenger, first, second } = await twoInstances();
    const baseline = await new BaselineStore(storage).get('p1');
    if (!baseline) throw new Error('no baseline');
    const at = clock.now().toISOString();
    const episode = {
      id: 'd-9',
      policyId: 'p1',
      policyName: 'EDR',
      openedAt: at,
      updatedAt: at,
      items: '[]',
      baselineRecordedAt: at,
    };
    const finding = { baseline, items: [{ kind: 'deleted' as const }], seenAt: at };
    await first.cards.show({ kind: 'opened', episode }, finding, { kind: 'not-permitted' });
    await second.cards.show({ kind: 'opened', episode }, finding, { kind: 'not-permitted' });
    expect(messenger.posts).toHaveLength(1);
    expect(messenger.updates).toHaveLength(1);
    expect(JSON.stringify(messenger.posts[0])).toContain('the audit log could not be read');
    expect(JSON.stringify(messenger.posts[0])).toContain('drift.recreate');
  });

  it('a claim whose poster died before posting is taken over once it is stale, never sooner', async () => {
    const { clock, storage, messenger } = await twoInstances();
    const store = new DriftCardStore(storage);
    const input = {
      episodeId: 'd-dead',
      policyId: 'p1',
      policyName: 'EDR',
      openedAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      items: [{ kind: 'renamed' as const, approved: 'EDR', now: 'EDR 2' }],
      who: { kind: 'known' as const, changes: [] },
      status: { kind: 'open' as const },
    };
    expect(
      await store.claim({ conversationId: CHANNEL, claimedAt: clock.now().toISOString(), input }, clock.now()),
    ).toEqual({
      kind: 'claimed',
    });
    expect(
      (await store.claim({ conversationId: CHANNEL, claimedAt: clock.now().toISOString(), input }, clock.now())).kind,
    ).toBe('exists');
    clock.advance(STALE_CLAIM_MS + 1);
    expect(
      (await store.claim({ conversationId: CHANNEL, claimedAt: clock.now().toISOString(), input }, clock.now())).kind,
    ).toBe('claimed');
    expect(messenger.posts).toHaveLength(0);
  });

  it('a recreate made of part steps marks the card recreated when its closing step is done, never from a part step', async () => {
    const { reads, messenger, first, clock } = await twoInstances();
    reads.policies.delete('p1');
    await first.watch.once();
    const episodeId = /"episodeId":"(d-[0-9]+)"/.exec(JSON.stringify(messenger.posts[0]))?.[1] ?? '';
    const input = { policyId: 'p1', policyName: 'EDR', baselineRecordedAt: 'x', episodeId };
    const step = (id: string, kind: string, extra: Record<string, unknown>, state: StepRecord['state']) => ({
      id,
      kind,
      title: kind,
      state,
      input: { ...input, ...extra },
      attempts: 1,
    });
    const run = (steps: StepRecord[]): RunRecord => ({
      id: 'r-2',
      kind: 'drift-revert',
      title: 'Recreate',
      requestedBy: { channelUserId: '29:alex', name: 'Alex Wilber' },
      conversationId: CHANNEL,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      status: 'done',
      resources: [],
      steps,
    });
    const parts = [
      step('s1', DRIFT_STEP_KINDS.recreate, { part: 'create' }, 'done'),
      step('s2', DRIFT_STEP_KINDS.recreate, { part: 'assignments' }, 'done'),
    ];
    first.cards.runChanged(run(parts));
    await first.cards.idle();
    expect(messenger.updates, 'part steps alone say nothing').toEqual([]);
    first.cards.runChanged(run([...parts, step('s3', DRIFT_STEP_KINDS.recreated, {}, 'done')]));
    await first.cards.idle();
    expect(JSON.stringify(messenger.updates.at(-1)?.card)).toContain('Recreated as approved');
  });
});
