import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from './fake-steps.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const HISTORY = 2_000;

/** Every request the engine makes of storage, counted. */
function counted(storage: Storage): { storage: Storage; requests: () => number } {
  let requests = 0;
  const count = <T>(result: Promise<T>): Promise<T> => ((requests += 1), result);
  return {
    requests: () => requests,
    storage: {
      get: (key) => count(storage.get(key)),
      put: (key, value, options) => count(storage.put(key, value, options)),
      delete: (key, options) => count(storage.delete(key, options)),
      // a listing reads every value: one request for the listing and one per item, as blob storage does
      list: async (prefix) => {
        const items = await count(storage.list(prefix));
        requests += items.length;
        return items;
      },
      keys: (prefix) => count(storage.keys(prefix)),
      page: (prefix, request) => count(storage.page(prefix, request)),
      flush: () => storage.flush(),
    },
  };
}

function finishedRun(index: number): RunRecord {
  const at = new Date(Date.parse('2026-01-01T00:00:00Z') + index * 60_000).toISOString();
  return {
    id: `r-old${index}`,
    kind: 'test',
    title: `old run ${index}`,
    requestedBy: alex,
    conversationId: 'conv-1',
    createdAt: at,
    updatedAt: at,
    endedAt: at,
    status: index % 7 === 0 ? 'failed' : 'done',
    resources: [],
    steps: [{ id: 's1', kind: 'make', title: 'make', state: 'done', input: {}, attempts: 1 }],
  };
}

function setup(storage: Storage) {
  const world = new FakeWorld();
  const clock = new FakeClock();
  let counter = 0;
  const handlers = [
    world.handler('make'),
    world.handler('ask', () => ({ kind: 'waiting-for-approval', approvalId: 'a-1', message: 'waits' })),
  ];
  const engine = new RunEngine({
    storage,
    audit: createMemoryAuditLog(clock),
    clock,
    log: silentLogger,
    handlers,
    newRunId: () => `r-live${++counter}`,
  });
  return { engine, world, clock };
}

const request = (kind: string) => ({
  kind: 'test',
  title: kind,
  requestedBy: alex,
  conversationId: 'conv-1',
  resources: [],
  steps: [{ kind, title: kind, input: { fact: kind } }],
});

async function withHistory(storage: Storage): Promise<void> {
  for (let index = 0; index < HISTORY; index += 1) await storage.put(`run/r-old${index}`, finishedRun(index));
}

describe('the live-run index: background work costs what is live, never what is history', () => {
  /** Requests of one sweep and of one resume over a store with 3 runs waiting and `history` finished ones. */
  async function costs(history: boolean): Promise<{ sweep: number; resume: number }> {
    const memory = createMemoryStorage();
    const { engine } = setup(memory);
    await engine.resumeAll(); // a new store: the index is built over nothing
    if (history) await withHistory(memory);
    for (let live = 0; live < 3; live += 1) await engine.start(request('ask'));
    await engine.idle();
    const probe = counted(memory);
    const { engine: other } = setup(probe.storage);
    expect(await other.sweep()).toBe(0); // all three wait for a person
    const sweep = probe.requests();
    expect(await other.resumeAll()).toBe(3);
    await other.idle();
    return { sweep, resume: probe.requests() - sweep };
  }

  it(`a sweep and a resume cost the same with ${HISTORY} finished runs stored as with none`, async () => {
    const bare = await costs(false);
    const withOld = await costs(true);
    expect(withOld).toEqual(bare);
    expect(withOld.sweep).toBeLessThanOrEqual(10);
  });

  it('a store written before the index existed is indexed once, then costs what is live', async () => {
    const memory = createMemoryStorage();
    await withHistory(memory);
    const live = { ...finishedRun(HISTORY), id: 'r-unfinished', status: 'active' as const, endedAt: undefined };
    await memory.put('run/r-unfinished', { ...live, steps: [{ ...live.steps[0], state: 'pending' }] });
    const probe = counted(memory);
    const { engine, world } = setup(probe.storage);
    expect(await engine.resumeAll()).toBe(1);
    await engine.idle();
    expect(world.performed).toEqual(['undefined']);
    expect((await engine.get('r-unfinished'))?.status).toBe('done');
    const before = probe.requests();
    await engine.sweep();
    expect(probe.requests() - before).toBeLessThanOrEqual(3);
  });

  it('an ended run leaves the index; a retried one comes back; a stray marker is cleaned by the next sweep', async () => {
    const memory = createMemoryStorage();
    const { engine, world, clock } = setup(memory);
    world.failNext.set('make', 1);
    const run = await engine.start(request('make'));
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('failed');
    expect(await memory.keys('live-run/')).toEqual([]);

    await engine.retry(run.id, alex);
    expect(await memory.keys('live-run/')).toEqual([`live-run/${run.id}`]);
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('done');
    expect(await memory.keys('live-run/')).toEqual([]);

    // a kill between the run's end and its marker's removal, and one before a run was created
    await memory.put(`live-run/${run.id}`, { runId: run.id, at: clock.now().toISOString() });
    await memory.put('live-run/r-never', { runId: 'r-never', at: clock.now().toISOString() });
    await engine.sweep();
    expect(await memory.keys('live-run/')).toEqual(['live-run/r-never']);
    clock.advance(11 * 60_000);
    await engine.sweep();
    expect(await memory.keys('live-run/')).toEqual([]);
  });
});
