import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { FakeClock } from '../../support/fake-clock.js';
import { doorWait, Doors, knockStep } from './toy-door-wait.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const LEASE_MS = 30_000;

/** An instance with the toy wait kind registered as the recipe says: handlers + waits in the one constructor call. */
function instance(storage: Storage, doors: Doors, clock: FakeClock, holder?: string) {
  const audit = createMemoryAuditLog(clock);
  const ownership = holder
    ? new LeasedRunOwnership(storage, new LeaseStore({ storage, clock, holder, durationMs: LEASE_MS }), silentLogger)
    : undefined;
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [knockStep(doors)],
    waits: [doorWait(doors)],
    newRunId: () => 'r-1',
    ...(ownership ? { ownership } : {}),
  });
  return { engine, audit };
}

/** A run started on a first process that stops (dies) after its first look, the door still shut. */
async function stoppedWhileWaiting(storage: Storage, doors: Doors, clock: FakeClock): Promise<void> {
  const first = instance(storage, doors, clock);
  clock.duringNextSleep(() => void first.engine.stop());
  await first.engine.start(knock('front'));
  await first.engine.idle();
}

const knock = (door: string) => ({
  kind: 'test',
  title: `knock at ${door}`,
  requestedBy: alex,
  conversationId: 'conv-1',
  resources: [],
  steps: [{ kind: 'knock', title: 'knock', input: { door } }],
});

describe('a wait kind registered the way CONTRIBUTING.md says (the toy door wait)', () => {
  it('looks with its backoff until the condition holds, then the run moves on, audited', async () => {
    const doors = new Doors();
    const clock = new FakeClock();
    const { engine, audit } = instance(createMemoryStorage(), doors, clock);
    clock.duringNextSleep(() => undefined);
    clock.duringNextSleep(() => doors.open.add('front'));
    await engine.start(knock('front'));
    await engine.idle();
    const run = await engine.get('r-1');
    expect(run?.status).toBe('done');
    expect(run?.steps[0]?.message).toBe('front opened after 3 knocks');
    expect(run?.steps[0]?.wait).toMatchObject({ kind: 'door', checks: 3, state: { door: 'front', knocks: 2 } });
    expect(clock.sleeps).toEqual([10_000, 20_000]);
    expect(doors.performs).toBe(1);
    expect((await audit.read()).map((entry) => entry.action)).toEqual(['run.started', 'door.opened', 'run.done']);
  });

  it('ends at its expiry with the kind’s own verdict, after one last look', async () => {
    const doors = new Doors();
    const clock = new FakeClock();
    const { engine } = instance(createMemoryStorage(), doors, clock);
    await engine.start(knock('back'));
    await engine.idle();
    const run = await engine.get('r-1');
    expect(run?.status).toBe('failed');
    expect(run?.steps[0]?.problem?.title).toBe('Nobody opened');
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-23T10:00:00Z'));
  });

  it('survives a restart: the next process continues the same wait, and the step is not performed again', async () => {
    const storage = createMemoryStorage();
    const doors = new Doors();
    const clock = new FakeClock();
    await stoppedWhileWaiting(storage, doors, clock);
    const stopped = await instance(storage, doors, clock).engine.get('r-1');
    expect(stopped?.steps[0]).toMatchObject({ state: 'waiting', wait: { checks: 1 } });

    doors.open.add('front');
    const second = instance(storage, doors, clock);
    expect(await second.engine.resumeAll()).toBe(1);
    await second.engine.idle();
    const run = await second.engine.get('r-1');
    expect(run?.status).toBe('done');
    expect(run?.steps[0]?.wait?.checks).toBe(2);
    expect(doors.performs).toBe(1);
  });

  it('is taken over by another instance once the owner’s lease lapses, and not before', async () => {
    const storage = createMemoryStorage();
    const doors = new Doors();
    const clock = new FakeClock();
    const a = instance(storage, doors, clock, 'a');
    const b = instance(storage, doors, clock, 'b');
    clock.duringNextSleep(() => void a.engine.stop());
    await a.engine.start(knock('front'));
    await a.engine.idle();
    // a dies holding the run's lease
    await new LeaseStore({ storage, clock, holder: 'a', durationMs: LEASE_MS }).tryAcquire('run/r-1');
    doors.open.add('front');
    await b.engine.sweep();
    await b.engine.idle();
    expect((await b.engine.get('r-1'))?.status).toBe('waiting');
    const looksWhileOwned = doors.looks;

    clock.advance(LEASE_MS);
    await b.engine.sweep();
    await b.engine.idle();
    expect((await b.engine.get('r-1'))?.status).toBe('done');
    expect(doors.looks).toBe(looksWhileOwned + 1);
    expect(doors.performs).toBe(1);
  });

  it('Refresh looks at once, whatever the schedule says', async () => {
    const storage = createMemoryStorage();
    const doors = new Doors();
    const clock = new FakeClock();
    await stoppedWhileWaiting(storage, doors, clock);

    doors.open.add('front');
    const second = instance(storage, doors, clock);
    await second.engine.refresh('r-1', alex);
    await second.engine.idle();
    expect((await second.engine.get('r-1'))?.status).toBe('done');
  });
});
