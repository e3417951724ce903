import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import type { ComplianceTenant } from '../../../core/compliance/read-compliance.js';
import { LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import { createPolicyAssignStep } from '../../../core/policies/policy-assign-step.js';
import type { PolicyDeviceCounts } from '../../../core/ports/intune-collections.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { rolloutGateStep, rolloutGateWait } from '../../../core/rollouts/rollout-gate-wait.js';
import { createRolloutPlanner } from '../../../core/rollouts/rollout-planner.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { FakeClock } from '../../support/fake-clock.js';
import { counts } from '../compliance/fakes.js';
import { deviceCollection, FakeTenant } from '../policies/fakes.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const HOUR = 3_600_000;
const SOAK_MS = 24 * HOUR;
const INTERVAL_MS = 15 * 60_000;
const LEASE_MS = 30_000;

/** The tenant: a ConfigMgr policy on one collection, two more collections for the rings, and its summary as set. */
class World {
  readonly tenant = new FakeTenant();
  readonly policy;
  summary: PolicyDeviceCounts = counts(0);
  /** When (on the test clock) each summary was read. */
  readonly reads: number[] = [];

  constructor(private readonly clock: FakeClock) {
    this.tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
    this.tenant.addCollection(deviceCollection('PS100043', 'Pilot', 12));
    this.tenant.addCollection(deviceCollection('PS100044', 'Broad', 800));
    this.policy = this.tenant.addPolicy({
      name: 'AV - Servers',
      managedByAttachOps: true,
      draft: {
        kind: 'configmgr-antivirus',
        profile: 'antivirus',
        target: 'configmgr',
        name: 'AV - Servers',
        description: '',
        settings: {},
      },
      assignments: [{ kind: 'collection', collectionId: 'PS100042' }],
    });
  }

  get compliance(): ComplianceTenant {
    const services = this.tenant.services();
    return {
      policies: services.policies,
      complianceReports: services.complianceReports,
      intuneCollections: {
        ...services.intuneCollections,
        getPolicySummaries: (ids) => {
          this.reads.push(this.clock.now().getTime());
          return Promise.resolve(ids.map((policyId) => ({ policyId, ok: true as const, counts: this.summary })));
        },
      },
    };
  }

  assigned(): string[] {
    return this.tenant.policies
      .get(this.policy.id)!
      .assignments.map((target) => (target.kind === 'collection' ? target.collectionId : target.kind));
  }
}

function instance(storage: Storage, world: World, clock: FakeClock, holder?: string) {
  const audit = createMemoryAuditLog(clock);
  const ownership = holder
    ? new LeasedRunOwnership(storage, new LeaseStore({ storage, clock, holder, durationMs: LEASE_MS }), silentLogger)
    : undefined;
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [createPolicyAssignStep(world.tenant.services().policies), rolloutGateStep()],
    waits: [rolloutGateWait({ tenant: world.compliance, log: silentLogger, checkIntervalMs: INTERVAL_MS })],
    newRunId: () => 'r-1',
    ...(ownership ? { ownership } : {}),
  });
  return { engine, audit };
}

async function rolloutRun(world: World) {
  const plan = await createRolloutPlanner(world.tenant.services()).plan({
    policy: 'AV - Servers',
    rings: [
      { name: 'pilot', to: ['PS100043'] },
      { name: 'broad', to: ['PS100044'] },
    ],
    gate: 'reported>=80%, failed<=2%, noncompliant<=10%',
    soak: '24h',
    mode: 'auto',
  });
  return {
    kind: plan.kind,
    title: plan.title,
    requestedBy: alex,
    conversationId: 'conv-1',
    resources: plan.resources,
    steps: plan.steps,
  };
}

describe('the rollout gate, a wait kind of the run kernel', () => {
  it('soaks ring 1 without reading a report, then a healthy gate assigns ring 2', async () => {
    const clock = new FakeClock();
    const started = clock.now().getTime();
    const world = new World(clock);
    world.summary = counts(125, 3, 1, 3);
    const { engine, audit } = instance(createMemoryStorage(), world, clock);
    await engine.start(await rolloutRun(world));
    await engine.idle();

    const run = await engine.get('r-1');
    expect(run?.status).toBe('done');
    expect(world.assigned()).toEqual(['PS100042', 'PS100043', 'PS100044']);
    expect(world.reads).toHaveLength(1);
    expect(world.reads[0]).toBeGreaterThanOrEqual(started + SOAK_MS);
    expect(run?.steps[1]?.message).toContain('Ring pilot healthy: reported 97.7% (meets >=80%)');
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(INTERVAL_MS);
    expect((await audit.read()).map((entry) => entry.action)).toEqual([
      'run.started',
      'step.done',
      'rollout.soak-started',
      'rollout.ring-passed',
      'step.done',
      'run.done',
    ]);
  });

  it('halts on a failed threshold after the soak: figures in the problem, ring 2 never assigned', async () => {
    const clock = new FakeClock();
    const world = new World(clock);
    world.summary = counts(100, 2, 12, 6);
    const { engine } = instance(createMemoryStorage(), world, clock);
    await engine.start(await rolloutRun(world));
    await engine.idle();

    const run = await engine.get('r-1');
    expect(run?.status).toBe('failed');
    expect(run?.steps[1]?.problem?.title).toBe('Ring pilot did not pass its gate');
    expect(run?.steps[1]?.problem?.message).toContain('failed 10.5% (misses <=2%)');
    expect(run?.steps[2]?.state).toBe('pending');
    expect(world.assigned()).toEqual(['PS100042', 'PS100043']);
    expect(world.reads).toHaveLength(1);
  });

  it('waits out the grace for devices that have not reported, then halts', async () => {
    const clock = new FakeClock();
    const started = clock.now().getTime();
    const world = new World(clock);
    world.summary = counts(40, 0, 0, 90);
    const { engine } = instance(createMemoryStorage(), world, clock);
    await engine.start(await rolloutRun(world));
    await engine.idle();

    const run = await engine.get('r-1');
    expect(run?.status).toBe('failed');
    expect(run?.steps[1]?.problem?.message).toContain('reported 30.8% (misses >=80%)');
    expect(world.reads.length).toBeGreaterThan(1);
    expect(Math.min(...world.reads)).toBeGreaterThanOrEqual(started + SOAK_MS);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(started + SOAK_MS + 6 * HOUR);
    expect(world.assigned()).toEqual(['PS100042', 'PS100043']);
  });

  it('survives a restart during the soak: same soak, ring 1 not assigned again, gate not skipped', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock();
    const world = new World(clock);
    world.summary = counts(130);
    const first = instance(storage, world, clock);
    clock.duringNextSleep(() => void first.engine.stop());
    await first.engine.start(await rolloutRun(world));
    await first.engine.idle();
    const stopped = await first.engine.get('r-1');
    expect(stopped?.steps[1]).toMatchObject({ state: 'waiting', wait: { kind: 'rollout-gate' } });
    const assignedAt = (stopped?.steps[1]?.wait?.state as { assignedAt: string }).assignedAt;
    expect(world.reads).toHaveLength(0);

    const second = instance(storage, world, clock);
    expect(await second.engine.resumeAll()).toBe(1);
    await second.engine.idle();
    const run = await second.engine.get('r-1');
    expect(run?.status).toBe('done');
    expect((run?.steps[1]?.wait?.state as { assignedAt: string }).assignedAt).toBe(assignedAt);
    expect(world.reads[0]).toBeGreaterThanOrEqual(Date.parse(assignedAt) + SOAK_MS);
    expect(world.tenant.calls.filter((call) => call === 'policies.assign')).toHaveLength(2);
  });

  it('is taken over by another instance once the owner’s lease lapses, and not before', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock();
    const world = new World(clock);
    world.summary = counts(130);
    const a = instance(storage, world, clock, 'a');
    const b = instance(storage, world, clock, 'b');
    clock.duringNextSleep(() => void a.engine.stop());
    await a.engine.start(await rolloutRun(world));
    await a.engine.idle();
    // a dies holding the run's lease, after the soak is over
    clock.advance(SOAK_MS);
    await new LeaseStore({ storage, clock, holder: 'a', durationMs: LEASE_MS }).tryAcquire('run/r-1');
    await b.engine.sweep();
    await b.engine.idle();
    expect((await b.engine.get('r-1'))?.status).toBe('waiting');
    expect(world.reads).toHaveLength(0);

    clock.advance(LEASE_MS);
    await b.engine.sweep();
    await b.engine.idle();
    expect((await b.engine.get('r-1'))?.status).toBe('done');
    expect(world.tenant.calls.filter((call) => call === 'policies.assign')).toHaveLength(2);
  });

  it('Refresh looks at once: during the soak it says when the soak ends and reads nothing', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock();
    const world = new World(clock);
    const first = instance(storage, world, clock);
    clock.duringNextSleep(() => void first.engine.stop());
    await first.engine.start(await rolloutRun(world));
    await first.engine.idle();
    const before = (await first.engine.get('r-1'))?.steps[1]?.wait?.checks ?? 0;

    const second = instance(storage, world, clock);
    clock.duringNextSleep(() => void second.engine.stop());
    await second.engine.refresh('r-1', alex);
    await second.engine.idle();
    const step = (await second.engine.get('r-1'))?.steps[1];
    expect(step?.wait?.checks).toBeGreaterThan(before);
    expect(step?.message).toMatch(/^Ring pilot soaks until 2026-11-24T09:0\d:00.000Z\.$/);
    expect(world.reads).toHaveLength(0);
  });
});
