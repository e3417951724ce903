import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import type { ComplianceTenant } from '../../../core/compliance/read-compliance.js';
import { type Lease, LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import { createPolicyAssignStep } from '../../../core/policies/policy-assign-step.js';
import type { EndpointSecurityPolicies } from '../../../core/ports/endpoint-security-policies.js';
import type { PolicyDeviceCounts } from '../../../core/ports/intune-collections.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { rolloutCompleteStep } from '../../../core/rollouts/rollout-complete-step.js';
import { rolloutGateStep, rolloutGateWait } from '../../../core/rollouts/rollout-gate-wait.js';
import { createRolloutPlanner } from '../../../core/rollouts/rollout-planner.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { counts } from '../compliance/fakes.js';
import { deviceCollection, FakeTenant } from '../policies/fakes.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const HOUR = 3_600_000;
const SOAK_MS = 24 * HOUR;
const INTERVAL_MS = 15 * 60_000;
const LEASE_MS = 30_000;
const RING_COLLECTIONS = ['PS100043', 'PS100044', 'PS100045'] as const;

/** A lease store whose holder can die: from then on it renews nothing, as a killed process would not. */
class MortalLeaseStore extends LeaseStore {
  dead = false;
  override renew(lease: Lease): Promise<Lease | undefined> {
    return this.dead ? new Promise<never>(() => undefined) : super.renew(lease);
  }
}

/** A ConfigMgr policy on PS100042, three ring collections, its summary as set, and every assign the tenant took. */
class World {
  readonly tenant = new FakeTenant();
  readonly policy;
  summary: PolicyDeviceCounts = counts(0);
  readonly reads: number[] = [];
  /** Each assign that reached the tenant: when, and which ring collections the policy had afterwards. */
  readonly assigns: { at: number; rings: string[] }[] = [];

  constructor(private readonly clock: FakeClock) {
    this.tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
    RING_COLLECTIONS.forEach((id, index) => this.tenant.addCollection(deviceCollection(id, `Ring ${index + 1}`, 10)));
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

  /**
   * The policies port as one instance sees it. `dieOnRing` makes that instance die inside the assign of that ring:
   * the write is recorded as started and lands in the tenant, then the process is gone (the answer never comes).
   */
  policies(dieOnRing?: { ring: string; die: () => void }): EndpointSecurityPolicies {
    const real = this.tenant.services().policies;
    return {
      ...real,
      assign: async (id, targets, write) => {
        await write?.beforeSend();
        const result = await real.assign(id, targets, write);
        this.assigns.push({
          at: this.clock.now().getTime(),
          rings: targets.flatMap((target) =>
            target.kind === 'collection' && target.collectionId !== 'PS100042' ? [target.collectionId] : [],
          ),
        });
        const dying = dieOnRing !== undefined && targets.some((target) => sameCollection(target, dieOnRing.ring));
        if (dying && dieOnRing) {
          dieOnRing.die();
          return new Promise<never>(() => undefined);
        }
        return result;
      },
    };
  }

  compliance(): ComplianceTenant {
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
}

function sameCollection(target: { kind: string; collectionId?: string }, id: string): boolean {
  return target.kind === 'collection' && target.collectionId === id;
}

/**
 * One instance: its engine on the test clock (soaks pass as it sleeps), its leases on `leaseClock`, the store's time,
 * which moves only when the test says so: a live instance's renewals keep up, a dead one's lease lapses when it moves.
 */
function instance(
  storage: Storage,
  world: World,
  clock: FakeClock,
  leaseClock: FakeClock,
  holder: string,
  dieOnRing?: string,
): { engine: RunEngine; leases: MortalLeaseStore } {
  const leases = new MortalLeaseStore({ storage, clock: leaseClock, holder, durationMs: LEASE_MS });
  const die = () => {
    leases.dead = true;
  };
  const engine = new RunEngine({
    storage,
    audit: createMemoryAuditLog(clock),
    clock,
    log: silentLogger,
    handlers: [
      createPolicyAssignStep(world.policies(dieOnRing === undefined ? undefined : { ring: dieOnRing, die })),
      rolloutGateStep(),
      rolloutCompleteStep(),
    ],
    waits: [rolloutGateWait({ tenant: world.compliance(), log: silentLogger, checkIntervalMs: INTERVAL_MS })],
    newRunId: () => 'r-1',
    ownership: new LeasedRunOwnership(storage, leases, silentLogger),
    writeSettleMs: 60_000,
  });
  return { engine, leases };
}

async function rolloutRequest(world: World) {
  const plan = await createRolloutPlanner(world.tenant.services()).plan({
    policy: 'AV - Servers',
    rings: RING_COLLECTIONS.map((id, index) => ({ name: ['pilot', 'broad', 'all'][index] ?? id, to: [id] })),
    gate: 'reported>=80%, failed<=2%, noncompliant<=10%',
    soak: '24h',
    mode: 'auto',
  });
  return { ...plan, requestedBy: alex, conversationId: 'conv-1' };
}

describe('a rollout taken over by a second instance while ring 2 is being assigned', () => {
  it('instance A dies with ring 2’s write in flight; B settles it by reading: ring 2 assigned once, its gate soaked in full before ring 3', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock();
    const started = clock.now().getTime();
    const world = new World(clock);
    world.summary = counts(130);
    const leaseClock = new FakeClock();
    const a = instance(storage, world, clock, leaseClock, 'a', RING_COLLECTIONS[1]);
    const b = instance(storage, world, clock, leaseClock, 'b');

    void a.engine.start(await rolloutRequest(world));
    // A soaks ring 1 (1 summary read after the soak), its gate holds, and A dies inside ring 2's assign.
    for (let spins = 0; !a.leases.dead; spins += 1) {
      if (spins > 10_000) throw new Error('instance A never reached ring 2');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const died = clock.now().getTime();
    const atDeath = (await a.engine.get('r-1')) as RunRecord;
    const ring2Assign = atDeath.steps.filter((step) => step.kind === 'policy-assign')[1];
    expect(ring2Assign?.state).toBe('running');
    expect(world.assigns.map((one) => one.rings)).toEqual([['PS100043'], ['PS100043', 'PS100044']]);
    expect(world.reads).toHaveLength(1);

    // While A's lease is still current, B's sweep leaves the run alone.
    await b.engine.sweep();
    await b.engine.idle();
    expect(
      ((await b.engine.get('r-1')) as RunRecord).steps.filter((step) => step.kind === 'policy-assign')[1]?.state,
    ).toBe('running');

    leaseClock.advance(LEASE_MS);
    await b.engine.sweep();
    await b.engine.idle();

    const run = (await b.engine.get('r-1')) as RunRecord;
    expect(run.status).toBe('done');
    // Ring 2's write was settled by reading the tenant, never sent again; ring 3 once.
    expect(world.assigns.map((one) => one.rings)).toEqual([
      ['PS100043'],
      ['PS100043', 'PS100044'],
      ['PS100043', 'PS100044', 'PS100045'],
    ]);
    const assigns = run.steps.filter((step) => step.kind === 'policy-assign');
    expect(assigns[1]?.message).toMatch(/^already done: /);
    // Ring 2's gate: soaked in full from the takeover, read after the soak, before ring 3 was assigned.
    const gate2 = run.steps.filter((step) => step.kind === 'rollout-gate')[1];
    const assignedAt = Date.parse((gate2?.wait?.state as { assignedAt: string }).assignedAt);
    expect(assignedAt).toBeGreaterThanOrEqual(died);
    const ring3At = world.assigns[2]?.at ?? 0;
    expect(world.reads.filter((at) => at >= assignedAt + SOAK_MS && at <= ring3At)).toHaveLength(1);
    expect(ring3At).toBeGreaterThanOrEqual(assignedAt + SOAK_MS);
    expect(world.reads[0]).toBeGreaterThanOrEqual(started + SOAK_MS);
    expect(world.tenant.count('policies.assign')).toBe(3);
  });
});
