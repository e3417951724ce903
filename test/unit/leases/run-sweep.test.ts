import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from '../runs/fake-steps.js';

const alex: Actor = { channelUserId: '29:alex', name: 'Alex Wilber' };
const LEASE_MS = 30_000;

/** Two engines over one storage, each with its own lease holder, as two instances would be. */
function twoInstances() {
  const storage = createMemoryStorage();
  const clock = new FakeClock();
  const audit = createMemoryAuditLog(clock);
  const world = new FakeWorld();
  const handlers = [
    world.handler('make'),
    world.handler('ask', () => ({ kind: 'waiting-for-approval', approvalId: 'a-1', message: 'waits' })),
  ];
  const engine = (holder: string) => {
    const leases = new LeaseStore({ storage, clock, holder, durationMs: LEASE_MS });
    return new RunEngine({
      storage,
      audit,
      clock,
      log: silentLogger,
      handlers,
      ownership: new LeasedRunOwnership(storage, leases, silentLogger),
    });
  };
  return { storage, clock, world, a: engine('a'), b: engine('b') };
}

const request = (kind: string) => ({
  kind: 'test',
  title: 'test run',
  requestedBy: alex,
  conversationId: 'conv-1',
  resources: [],
  steps: [{ kind, title: kind, input: { fact: kind } }],
});

describe('the sweep for runs whose owner died', () => {
  it('takes over a run left mid-step once its lease has expired, and not before', async () => {
    const { storage, clock, world, a, b } = twoInstances();
    await a.stop();
    const run = await a.start(request('make'));
    await a.idle();
    await new LeaseStore({ storage, clock, holder: 'a', durationMs: LEASE_MS }).tryAcquire(`run/${run.id}`);
    expect(await b.sweep()).toBe(1);
    await b.idle();
    expect((await b.get(run.id))?.status).toBe('active');
    clock.advance(LEASE_MS);
    await b.sweep();
    await b.idle();
    expect((await b.get(run.id))?.status).toBe('done');
    expect(world.performed).toEqual(['make']);
  });

  it('leaves runs that wait for a person alone, so they are not rewritten on every sweep', async () => {
    const { storage, a, b } = twoInstances();
    const run = await a.start(request('ask'));
    await a.idle();
    const parked = await storage.get(`run/${run.id}`);
    expect((await b.get(run.id))?.status).toBe('waiting');
    expect(await b.sweep()).toBe(0);
    await b.idle();
    expect((await storage.get(`run/${run.id}`))?.eTag).toBe(parked?.eTag);
  });
});
