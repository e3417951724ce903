import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { RunStore } from '../../../core/runs/run-store.js';
import { countingStorage } from '../../support/counting-storage.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const START = Date.parse('2026-01-01T00:00:00Z');

function run(index: number, conversationId = 'conv-1', status: RunRecord['status'] = 'done'): RunRecord {
  const at = new Date(START + index * 60_000).toISOString();
  return {
    id: `r-n${index}`,
    kind: 'test',
    title: `run ${index}`,
    requestedBy: alex,
    conversationId,
    createdAt: at,
    updatedAt: at,
    status,
    resources: [],
    steps: [],
  };
}

describe('the run list index: runs listed newest first, one page at a time', () => {
  it('pages every run and a conversation’s runs newest first, each once', async () => {
    const store = new RunStore(createMemoryStorage());
    for (const index of [3, 0, 7, 5, 1, 6, 2, 4])
      await store.create(run(index, index % 2 === 0 ? 'conv-even' : 'conv-odd'));
    const first = await store.page({ limit: 3 });
    expect(first.runs.map((entry) => entry.id)).toEqual(['r-n7', 'r-n6', 'r-n5']);
    const second = await store.page({ limit: 10, continuation: first.continuation });
    expect(second.runs.map((entry) => entry.id)).toEqual(['r-n4', 'r-n3', 'r-n2', 'r-n1', 'r-n0']);
    expect(second.continuation).toBeUndefined();
    const even = await store.page({ conversationId: 'conv-even', limit: 10 });
    expect(even.runs.map((entry) => entry.id)).toEqual(['r-n6', 'r-n4', 'r-n2', 'r-n0']);
    expect(even.runs[0]).toMatchObject({ title: 'run 6', status: 'done', requestedBy: { name: 'Alex Wilber' } });
  });

  it('shows a status change, and skips the index write when nothing it shows changed', async () => {
    const memory = countingStorage(createMemoryStorage());
    const store = new RunStore(memory.storage);
    await store.create(run(1, 'conv-1', 'active'));
    const before = memory.byKind().put ?? 0;
    await store.update('r-n1', (current) => ({ ...current, updatedAt: new Date(START + 5_000).toISOString() }));
    expect((memory.byKind().put ?? 0) - before).toBe(1); // the run alone
    await store.update('r-n1', (current) => ({ ...current, status: 'failed' }));
    expect((await store.page({ limit: 5 })).runs.map((entry) => entry.status)).toEqual(['failed']);
    expect((await store.page({ conversationId: 'conv-1', limit: 5 })).runs.map((entry) => entry.status)).toEqual([
      'failed',
    ]);
  });

  it('one page costs one request with 2,000 runs stored, after a store from before the index is listed once', async () => {
    const memory = createMemoryStorage();
    for (let index = 0; index < 2_000; index += 1) await memory.put(`run/r-n${index}`, run(index));
    const probe = countingStorage(memory);
    const store = new RunStore(probe.storage);
    const first = await store.page({ conversationId: 'conv-1', limit: 10 });
    expect(first.runs.map((entry) => entry.id)).toEqual(Array.from({ length: 10 }, (_, n) => `r-n${1_999 - n}`));
    const before = probe.requests();
    await store.page({ limit: 10 });
    expect(probe.requests() - before).toBe(1);
    // another process: the built index is read once more (its marker), then one request per page
    const other = new RunStore(probe.storage);
    const marked = probe.requests();
    await other.page({ limit: 10 });
    expect(probe.requests() - marked).toBe(2);
  });
});

describe('the newest runs of one kind, through the list index', () => {
  it('finds them among the newest runs at a cost bounded whatever the history (one listing page per 1,000 runs)', async () => {
    const memory = createMemoryStorage();
    const seed = new RunStore(memory);
    for (let index = 0; index < 1_500; index += 1) {
      const kind = index % 500 === 7 ? 'rollout' : 'test';
      await seed.create({ ...run(index), kind, title: kind === 'rollout' ? `Roll out "P${index}"` : `run ${index}` });
    }
    await seed.page({ limit: 1 }); // the index exists
    const probe = countingStorage(memory);
    const store = new RunStore(probe.storage);
    await store.page({ limit: 1 }); // a new process reads the index's marker once
    const before = probe.requests();
    const found = await store.recentOfKind('rollout', (title) => title.startsWith('Roll out "'), 1_200);
    expect(found.map((one) => one.id)).toEqual(['r-n1007', 'r-n507']);
    // two listing pages (1,000 + 200 entries) and one read per rollout found
    expect(probe.requests() - before).toBe(2 + 2);
  });
});
