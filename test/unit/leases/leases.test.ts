import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { LeasedLeadership } from '../../../core/leases/leadership.js';
import { LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { FakeClock } from '../../support/fake-clock.js';

const DURATION = 30_000;
const ALICE: Actor = { channelUserId: '29:alice', name: 'Alice' };
const BOB: Actor = { channelUserId: '29:bob', name: 'Bob' };

function twoInstances() {
  const storage = createMemoryStorage();
  const clock = new FakeClock();
  const leases = (holder: string) => new LeaseStore({ storage, clock, holder, durationMs: DURATION });
  return { storage, clock, a: leases('instance-a'), b: leases('instance-b') };
}

describe('leases in the Storage port', () => {
  it('one holder at a time; the other takes over only once the lease has expired', async () => {
    const { clock, a, b } = twoInstances();
    const held = await a.tryAcquire('scheduler');
    expect(held).toBeDefined();
    expect(await b.tryAcquire('scheduler')).toBeUndefined();
    expect(await a.tryAcquire('scheduler')).toBeUndefined();
    expect(await b.holderOf('scheduler')).toBe('instance-a');
    clock.advance(DURATION - 1);
    expect(await b.tryAcquire('scheduler')).toBeUndefined();
    clock.advance(1);
    const taken = await b.tryAcquire('scheduler');
    expect(taken).toBeDefined();
    expect(await a.renew(held!)).toBeUndefined();
    expect(await a.holderOf('scheduler')).toBe('instance-b');
  });

  it('renewal keeps it, release frees it at once', async () => {
    const { clock, a, b } = twoInstances();
    const held = await a.tryAcquire('run/r-1');
    clock.advance(DURATION - 1);
    const renewed = await a.renew(held!);
    clock.advance(DURATION - 1);
    expect(await b.tryAcquire('run/r-1')).toBeUndefined();
    await a.release(renewed!);
    expect(await b.tryAcquire('run/r-1')).toBeDefined();
  });

  it('of ten instances racing for a free lease exactly one wins', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        new LeaseStore({ storage, clock, holder: `i${index}`, durationMs: DURATION }).tryAcquire('scheduler'),
      ),
    );
    expect(outcomes.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('leadership passes to the other instance when the leader stops renewing', async () => {
    const { clock, a, b } = twoInstances();
    const leaderA = new LeasedLeadership(a, 'scheduler', silentLogger);
    const leaderB = new LeasedLeadership(b, 'scheduler', silentLogger);
    expect(await leaderA.lead()).toBe(true);
    expect(await leaderB.lead()).toBe(false);
    clock.advance(DURATION / 2);
    expect(await leaderA.lead()).toBe(true);
    clock.advance(DURATION / 2);
    expect(await leaderB.lead()).toBe(false);
    clock.advance(DURATION);
    expect(await leaderB.lead()).toBe(true);
    expect(await leaderA.lead()).toBe(false);
    await leaderB.resign();
    expect(await leaderA.lead()).toBe(true);
  });
});

describe('run ownership through leases', () => {
  it('a request on the other instance while the owner works is done by the owner, once, after its work', async () => {
    const { storage, a, b } = twoInstances();
    const ownerA = new LeasedRunOwnership(storage, a, silentLogger);
    const ownerB = new LeasedRunOwnership(storage, b, silentLogger);
    const done: string[] = [];
    let letGo: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const first = ownerA.own('r-1', ALICE, async (actor) => {
      done.push(`a:${actor.name}`);
      if (done.length === 1) {
        expect(ownerA.stillOwns('r-1')).toBe(true);
        await blocked;
      }
    });
    await expect.poll(() => done.length).toBe(1);
    await ownerB.own('r-1', BOB, async (actor) => {
      done.push(`b:${actor.name}`);
    });
    letGo();
    await first;
    expect(done).toEqual(['a:Alice', 'a:Bob']);
    expect(ownerA.stillOwns('r-1')).toBe(false);
    expect(await b.holderOf('run/r-1')).toBeUndefined();
  });

  it('the sweep takes over a run whose owner died, once the lease has expired, and not before', async () => {
    const { storage, clock, a, b } = twoInstances();
    await a.tryAcquire('run/r-2');
    const ownerB = new LeasedRunOwnership(storage, b, silentLogger);
    const done: string[] = [];
    const work = async (actor: Actor): Promise<void> => {
      done.push(actor.name);
    };
    await ownerB.own('r-2', ALICE, work, { onlyIfUnowned: true });
    expect(done).toEqual([]);
    clock.advance(DURATION);
    await ownerB.own('r-2', ALICE, work, { onlyIfUnowned: true });
    expect(done).toEqual(['Alice']);
  });
});
