import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import { storeTimeOf } from '../../../core/leases/store-time.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from '../runs/fake-steps.js';

const LEASE_MS = 30_000;
const SWEEP_MS = LEASE_MS / 3;
const SKEW_MS = 5 * 60_000;
const START = Date.parse('2026-11-23T09:00:00Z');
const alex: Actor = { channelUserId: '29:alex', name: 'Alex Wilber' };

/**
 * One memory store with its own clock and two instances whose wall clocks disagree with it by `skewA` and `skewB`;
 * time passes for all three alike, as it does for real hosts whose clocks are merely set wrong.
 */
function skewedInstances(skewA: number, skewB: number) {
  const storage = createMemoryStorage();
  const storeClock = new FakeClock(START);
  const clocks = { a: new FakeClock(START + skewA), b: new FakeClock(START + skewB) };
  const storeTime = storeTimeOf(storeClock);
  const leases = (holder: 'a' | 'b') =>
    new LeaseStore({ storage, storeTime, clock: clocks[holder], holder, durationMs: LEASE_MS });
  const advance = (ms: number) => {
    for (const clock of [storeClock, clocks.a, clocks.b]) clock.advance(ms);
  };
  return { storage, clocks, advance, a: leases('a'), b: leases('b') };
}

const SKEWS: readonly (readonly [number, number])[] = [
  [0, SKEW_MS],
  [0, -SKEW_MS],
  [SKEW_MS, 0],
  [-SKEW_MS, 0],
  [-SKEW_MS, SKEW_MS],
];

describe.each(SKEWS)('leases with instance a %i ms and instance b %i ms off the store clock', (skewA, skewB) => {
  it('a live holder keeps its lease through ten durations of the other instance trying to take it', async () => {
    const { advance, a, b } = skewedInstances(skewA, skewB);
    let held = await a.tryAcquire('run/r-1');
    expect(held).toBeDefined();
    for (let tick = 0; tick < 30; tick += 1) {
      advance(SWEEP_MS);
      expect(a.unexpired(held!)).toBe(true);
      held = await a.renew(held!);
      expect(held).toBeDefined();
      expect(await b.tryAcquire('run/r-1')).toBeUndefined();
      expect(await b.holderOf('run/r-1')).toBe('a');
    }
  });

  it('a dead holder loses its lease on the store time: the other takes it within one duration plus one sweep', async () => {
    const { advance, clocks, a, b } = skewedInstances(skewA, skewB);
    const held = await a.tryAcquire('run/r-2');
    const diedAt = clocks.b.now().getTime();
    let takenAfter: number | undefined;
    for (let tick = 0; tick < 10 && takenAfter === undefined; tick += 1) {
      advance(SWEEP_MS);
      if (await b.tryAcquire('run/r-2')) takenAfter = clocks.b.now().getTime() - diedAt;
    }
    expect(takenAfter).toBeGreaterThanOrEqual(LEASE_MS);
    expect(takenAfter).toBeLessThanOrEqual(LEASE_MS + SWEEP_MS);
    expect(a.unexpired(held!)).toBe(false);
    expect(await a.renew(held!)).toBeUndefined();
  });
});

describe('run ownership between two instances five minutes apart', () => {
  const request = {
    kind: 'test',
    title: 'test run',
    requestedBy: alex,
    conversationId: 'conv-1',
    resources: [],
    steps: [{ kind: 'make', title: 'make', input: { fact: 'make' } }],
  };

  function engines(skewA: number, skewB: number) {
    const instances = skewedInstances(skewA, skewB);
    const audit = createMemoryAuditLog(instances.clocks.a);
    const world = new FakeWorld();
    const engine = (holder: 'a' | 'b') =>
      new RunEngine({
        storage: instances.storage,
        audit,
        clock: instances.clocks[holder],
        log: silentLogger,
        handlers: [world.handler('make')],
        ownership: new LeasedRunOwnership(instances.storage, instances[holder], silentLogger),
      });
    return { ...instances, world, engineA: engine('a'), engineB: engine('b') };
  }

  it.each([SKEW_MS, -SKEW_MS])('b %i ms off never sweeps up a run a still holds', async (skewB) => {
    const { advance, a, engineA, engineB, world } = engines(0, skewB);
    await engineA.stop();
    const run = await engineA.start(request);
    await engineA.idle();
    let lease = await a.tryAcquire(`run/${run.id}`);
    for (let tick = 0; tick < 9; tick += 1) {
      advance(SWEEP_MS);
      lease = await a.renew(lease!);
      expect(lease).toBeDefined();
      await engineB.sweep();
      await engineB.idle();
    }
    expect(world.performed).toEqual([]);
    expect((await engineB.get(run.id))?.status).toBe('active');
    await a.release(lease!);
    await engineB.sweep();
    await engineB.idle();
    expect(world.performed).toEqual(['make']);
  });

  it.each([SKEW_MS, -SKEW_MS])(
    'b %i ms off takes over the run of a dead a within one duration plus one sweep',
    async (skewB) => {
      const { advance, clocks, a, engineA, engineB, world } = engines(0, skewB);
      await engineA.stop();
      const run = await engineA.start(request);
      await engineA.idle();
      await a.tryAcquire(`run/${run.id}`);
      const diedAt = clocks.b.now().getTime();
      let tookOverAfter: number | undefined;
      for (let tick = 0; tick < 10 && tookOverAfter === undefined; tick += 1) {
        advance(SWEEP_MS);
        await engineB.sweep();
        await engineB.idle();
        if (world.performed.length > 0) tookOverAfter = clocks.b.now().getTime() - diedAt;
      }
      expect(world.performed).toEqual(['make']);
      expect(tookOverAfter).toBeGreaterThanOrEqual(LEASE_MS);
      expect(tookOverAfter).toBeLessThanOrEqual(LEASE_MS + SWEEP_MS);
    },
  );
});
