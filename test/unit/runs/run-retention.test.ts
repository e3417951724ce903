import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { countingStorage } from '../../support/counting-storage.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from './fake-steps.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const DAY = 24 * 3_600_000;
const RETENTION = 180 * DAY;

function setup(storage: Storage, clock = new FakeClock()) {
  const world = new FakeWorld();
  const audit = createMemoryAuditLog(clock);
  let counter = 0;
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [
      world.handler('make'),
      world.handler('ask', () => ({ kind: 'waiting-for-approval', approvalId: 'a-1', message: 'waits' })),
    ],
    newRunId: () => `r-ret${++counter}`,
  });
  return { engine, audit, clock, world };
}

const request = (kind: string, title = kind) => ({
  kind: 'test',
  title,
  requestedBy: alex,
  conversationId: 'conv-1',
  resources: [],
  steps: [{ kind, title: kind, input: { fact: title } }],
});

describe('RUN_RETENTION: runs that ended long ago are compacted, their audit entries stay', () => {
  it('compacts only what ended before the cut-off, keeps live runs, and says so for run <id>', async () => {
    const memory = createMemoryStorage();
    const { engine, audit, clock } = setup(memory);
    const old: { id: string }[] = [];
    for (let index = 0; index < 5; index += 1) old.push(await engine.start(request('make', `old ${index}`)));
    const waiting = await engine.start(request('ask', 'old but waiting'));
    await engine.idle();
    clock.advance(100 * DAY);
    const recent = await engine.start(request('make', 'recent'));
    await engine.idle();
    clock.advance(81 * DAY); // the old ones ended 181 days ago, the recent one 81
    const auditBefore = (await audit.read()).length;

    expect(await engine.compact(RETENTION, 3)).toBe(3);
    expect(await engine.compact(RETENTION, 100)).toBe(2);
    expect(await engine.compact(RETENTION, 100)).toBe(0);

    const listed = (await engine.page({ limit: 20 })).runs.map((run) => run.title);
    expect(listed).toEqual(['recent', 'old but waiting']);
    expect((await engine.page({ conversationId: 'conv-1', limit: 20 })).runs).toHaveLength(2);
    await expect(engine.requireRun(old[0]?.id ?? '')).rejects.toThrow(/archived/);
    await expect(engine.requireRun(old[0]?.id ?? '')).rejects.toMatchObject({ title: 'Run archived' });
    expect((await engine.requireRun(waiting.id)).status).toBe('waiting');
    expect((await engine.requireRun(recent.id)).status).toBe('done');
    expect((await audit.read()).length).toBe(auditBefore);
    expect((await audit.read()).filter((entry) => entry.target === old[0]?.id).length).toBeGreaterThan(0);
  });

  it('costs what it compacts: one page when nothing is due, whatever the history', async () => {
    const memory = createMemoryStorage();
    const { engine, clock } = setup(memory);
    for (let index = 0; index < 300; index += 1) await engine.start(request('make', `run ${index}`));
    await engine.idle();
    clock.advance(10 * DAY);
    const probe = countingStorage(memory);
    const other = setup(probe.storage, clock).engine;
    expect(await other.compact(RETENTION, 100)).toBe(0);
    expect(probe.requests()).toBe(1);
    clock.advance(RETENTION);
    const before = probe.requests();
    expect(await other.compact(RETENTION, 10)).toBe(10);
    expect(probe.requests() - before).toBeLessThanOrEqual(1 + 10 * 7);
  });

  it('a run retried after it ended is compacted only once it ends again and that end is old enough', async () => {
    const memory = createMemoryStorage();
    const { engine, clock, world } = setup(memory);
    world.failNext.set('retried', 1);
    const run = await engine.start(request('make', 'retried'));
    await engine.idle();
    expect((await engine.requireRun(run.id)).status).toBe('failed');
    clock.advance(RETENTION - DAY);
    await engine.retry(run.id, alex);
    await engine.idle();
    clock.advance(2 * DAY); // the first end is past retention, the second is not
    expect(await engine.compact(RETENTION, 100)).toBe(0);
    expect((await engine.requireRun(run.id)).status).toBe('done');
    clock.advance(RETENTION);
    expect(await engine.compact(RETENTION, 100)).toBe(1);
    await expect(engine.requireRun(run.id)).rejects.toThrow(/archived/);
  });
});
