import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { intuneApprovalWait } from '../../../core/maa/intune-approval-wait.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import type { StepHandler } from '../../../core/runs/step-handler.js';
import { PLAN_RECHECK_STEP } from '../../../core/approvals/approval-records.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeIntune } from './fake-intune.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const POLICY = { firstMs: 1_000, factor: 2, maxMs: 4_000 };

function engineOver(
  storage: Storage,
  intune: FakeIntune,
  clock = new FakeClock(),
  extra: readonly StepHandler[] = [],
  policy = POLICY,
) {
  const audit = createMemoryAuditLog(clock);
  let counter = 0;
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [intune.handler(), ...extra],
    waits: [intuneApprovalWait({ approvals: intune, policy, log: silentLogger })],
    justify: () => Promise.resolve('approved in Teams by Megan Bowen'),
    newRunId: () => `r-${++counter}`,
  });
  return { engine, audit, clock };
}

function start(engine: RunEngine, facts = ['policy']): Promise<RunRecord> {
  return engine.start({
    kind: 'test',
    title: 'make a policy',
    requestedBy: alex,
    conversationId: 'conv-1',
    resources: [],
    steps: facts.map((fact) => ({ kind: 'write', title: `make ${fact}`, input: { fact } })),
  });
}

/** What a process killed at that point left stored: the gate of the held step with `patch` applied. */
async function killedWith(engine: RunEngine, runId: string, patch: Record<string, unknown>): Promise<void> {
  await engine.store.update(runId, (current) => ({
    ...current,
    steps: current.steps.map((step) =>
      step.wait ? { ...step, wait: { ...step.wait, state: { ...Object(step.wait.state), ...patch } } } : step,
    ),
  }));
}

async function intuneActions(audit: ReturnType<typeof createMemoryAuditLog>): Promise<string[]> {
  return (await audit.read()).map((entry) => entry.action).filter((action) => action.startsWith('intune.'));
}

describe('a run whose write Intune holds for Multi Admin Approval', () => {
  it('waits with backoff, then resends the held write once with the code and completes', async () => {
    const intune = new FakeIntune();
    intune.script = ['needsApproval', 'needsApproval', 'needsApproval', 'approved'];
    const { engine, audit, clock } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine);
    await engine.idle();

    const ended = await engine.get(run.id);
    expect(ended?.status).toBe('done');
    expect(ended?.steps[0]?.message).toBe('approved in Intune by Patti Fernandez: policy is there');
    expect(intune.performs).toEqual([{ fact: 'policy', justification: 'approved in Teams by Megan Bowen' }]);
    expect(intune.resends).toEqual([{ heldWrite: { fact: 'policy' }, requestId: 'code-1' }]);
    expect(intune.reads).toEqual(['code-1', 'code-1', 'code-1', 'code-1']);
    expect(clock.sleeps).toEqual([2_000, 4_000, 4_000]);
    expect(await intuneActions(audit)).toEqual(['intune.held', 'intune.approved', 'intune.resent']);
  });

  it('ends the run when Intune rejects, saying by whom and why, and never resends', async () => {
    const intune = new FakeIntune();
    intune.script = ['needsApproval', 'rejected'];
    intune.reason = 'Not during the freeze';
    const { engine, audit } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine, ['policy', 'assignment']);
    await engine.idle();

    const ended = await engine.get(run.id);
    expect(ended?.status).toBe('failed');
    expect(ended?.steps[0]?.problem?.message).toBe(
      'rejected in Intune by Patti Fernandez: Not during the freeze. Nothing was changed.',
    );
    expect(ended?.steps[1]?.state).toBe('pending');
    expect(intune.resends).toEqual([]);
    expect(intune.facts.size).toBe(0);
    expect(await intuneActions(audit)).toEqual(['intune.held', 'intune.rejected']);
  });

  it('ends on expiry too', async () => {
    const intune = new FakeIntune();
    intune.script = ['expired'];
    const { engine } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine);
    await engine.idle();
    expect((await engine.get(run.id))?.steps[0]?.problem?.title).toBe('Expired in Intune');
  });

  it('keeps waiting when Intune cannot be read, and says so on the step', async () => {
    const intune = new FakeIntune();
    intune.failReads = 2;
    const { engine } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine);
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('done');
    expect(intune.reads).toHaveLength(3);
    expect(intune.resends).toHaveLength(1);
  });

  it('after a restart continues the same wait with the stored code and never performs the write again', async () => {
    const storage = createMemoryStorage();
    const intune = new FakeIntune();
    intune.script = ['needsApproval'];
    const first = engineOver(storage, intune);
    const run = await start(first.engine);
    await first.engine.advance(run.id, alex);
    expect((await first.engine.get(run.id))?.steps[0]?.state).toBe('waiting');
    await first.engine.stop();

    intune.script = ['approved'];
    const second = engineOver(storage, intune);
    expect(await second.engine.resumeAll()).toBe(1);
    await second.engine.idle();
    expect((await second.engine.get(run.id))?.status).toBe('done');
    expect(intune.performs).toHaveLength(1);
    expect(intune.resends).toEqual([{ heldWrite: { fact: 'policy' }, requestId: 'code-1' }]);
  });

  it('after a restart in the middle of the resend: the change that arrived is not sent again', async () => {
    const storage = createMemoryStorage();
    const intune = new FakeIntune();
    intune.script = ['needsApproval'];
    const first = engineOver(storage, intune);
    const run = await start(first.engine);
    await first.engine.advance(run.id, alex);
    await first.engine.stop();
    await killedWith(first.engine, run.id, { status: 'approved', resendStartedAt: 'x' });
    intune.facts.add('policy');

    const second = engineOver(storage, intune);
    await second.engine.resumeAll();
    await second.engine.idle();
    expect((await second.engine.get(run.id))?.status).toBe('done');
    expect(intune.resends).toEqual([]);
    // advance() alone leaves the waiting step to resume() (the run's owner polls Intune); the resend in progress is
    // finished from the tenant's state without asking Intune again
    expect(intune.reads).toEqual([]);
  });

  it('Refresh asks Intune at once', async () => {
    const storage = createMemoryStorage();
    const intune = new FakeIntune();
    intune.script = ['needsApproval'];
    const { engine } = engineOver(storage, intune);
    const run = await start(engine);
    await engine.advance(run.id, alex);
    await engine.stop();
    const readsBefore = intune.reads.length;

    intune.script = ['approved'];
    const refreshed = engineOver(storage, intune);
    await refreshed.engine.refresh(run.id, alex);
    await refreshed.engine.idle();
    expect(intune.reads.length).toBe(readsBefore + 1);
    expect((await refreshed.engine.get(run.id))?.status).toBe('done');
  });
});

describe('cancelling a run that Intune holds', () => {
  it('withdraws the Intune request too, and audits it', async () => {
    const intune = new FakeIntune();
    intune.script = ['needsApproval'];
    const { engine, audit } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine);
    await engine.advance(run.id, alex);
    await engine.cancel(run.id, alex);
    await engine.stop();
    expect(intune.cancelled).toEqual(['code-1']);
    expect(intune.resends).toEqual([]);
    expect(await intuneActions(audit)).toEqual(['intune.held', 'intune.withdrawn']);
  });
});

describe('Intune as real tenants answer (issue 23)', () => {
  const DAY_POLICY = { firstMs: 3_600_000, factor: 2, maxMs: 12 * 3_600_000 };

  it('a request nobody can find is not cancelled: the wait goes on, says so, and ends at its expiry', async () => {
    const intune = new FakeIntune();
    intune.missing = true;
    const { engine, audit, clock } = engineOver(createMemoryStorage(), intune, new FakeClock(), [], DAY_POLICY);
    const run = await start(engine);
    await engine.idle();
    const ended = await engine.get(run.id);
    expect(ended?.status).toBe('failed');
    expect(ended?.steps[0]?.problem?.title).toBe('Expired in Intune');
    expect(intune.reads.length).toBeGreaterThan(3);
    expect(intune.resends).toEqual([]);
    expect(clock.now().getTime() - Date.parse('2026-11-23T09:00:00Z')).toBeGreaterThanOrEqual(3 * 24 * 3_600_000);
    expect(await intuneActions(audit)).toEqual(['intune.held', 'intune.expired']);
  });

  it('while it cannot be found, the card says so instead of "cancelled"', async () => {
    const intune = new FakeIntune();
    intune.missing = true;
    const clock = new FakeClock();
    const { engine } = engineOver(createMemoryStorage(), intune, clock, [], DAY_POLICY);
    clock.duringNextSleep(() => void engine.stop());
    const run = await start(engine);
    await engine.idle();
    const step = (await engine.get(run.id))?.steps[0];
    expect(step?.state).toBe('waiting');
    expect(step?.message).toContain('Intune does not show request code-1 at the moment');
  });

  it('completed is settled by reading the tenant: the change that is there is never sent again', async () => {
    const intune = new FakeIntune();
    intune.script = ['needsApproval', 'completed'];
    const clock = new FakeClock();
    const { engine, audit } = engineOver(createMemoryStorage(), intune, clock);
    // carried out by someone else's resend while the bot slept between two looks
    clock.duringNextSleep(() => intune.facts.add('policy'));
    const run = await start(engine);
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('done');
    expect(intune.resends).toEqual([]);
    expect(await intuneActions(audit)).toEqual(['intune.held', 'intune.completed']);
  });

  it('completed while the change is not there: resent once', async () => {
    const intune = new FakeIntune();
    intune.script = ['completed'];
    const { engine } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine);
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('done');
    expect(intune.resends).toHaveLength(1);
  });

  it('a write that met the pending request joins its wait, audited as rejoined', async () => {
    const intune = new FakeIntune();
    intune.rejoins = true;
    const { engine, audit } = engineOver(createMemoryStorage(), intune);
    const run = await start(engine);
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('done');
    expect(await intuneActions(audit)).toEqual(['intune.rejoined', 'intune.approved', 'intune.resent']);
  });

  describe('the tenant changed after the plan was approved in Teams', () => {
    function planRecheck(world: { changed: boolean; replanned: number }): StepHandler {
      return {
        kind: PLAN_RECHECK_STEP,
        changesTenant: false,
        check: () => Promise.resolve(world.changed ? { done: false } : { done: true, message: 'unchanged' }),
        perform: () => {
          world.replanned += 1;
          return Promise.resolve({
            kind: 'failed',
            problem: { title: 'changed', message: 'Request a-2 shows the new plan and asks for approval again.' },
          });
        },
      };
    }

    const recheckedRun = (engine: RunEngine) =>
      engine.start({
        kind: 'test',
        title: 'assign a policy',
        requestedBy: alex,
        conversationId: 'conv-1',
        resources: [],
        steps: [
          { kind: PLAN_RECHECK_STEP, title: 'recheck', input: {} },
          { kind: 'write', title: 'assign', input: { fact: 'assignment' } },
        ],
      });

    it('withdraws the Intune request, never replays the stale write, and asks for a new plan', async () => {
      const world = { changed: false, replanned: 0 };
      const intune = new FakeIntune();
      intune.script = ['needsApproval', 'approved'];
      const clock = new FakeClock();
      const { engine, audit } = engineOver(createMemoryStorage(), intune, clock, [planRecheck(world)]);
      clock.duringNextSleep(() => (world.changed = true));
      const run = await recheckedRun(engine);
      await engine.idle();
      const ended = await engine.get(run.id);
      expect(ended?.status).toBe('failed');
      expect(ended?.steps[1]?.problem?.title).toBe('The tenant changed while Intune held the change');
      expect(ended?.steps[1]?.problem?.message).toContain('Request a-2 shows the new plan');
      expect(intune.resends).toEqual([]);
      expect(intune.cancelled).toEqual(['code-1']);
      expect(world.replanned).toBe(1);
      expect(await intuneActions(audit)).toEqual(['intune.held', 'intune.approved', 'intune.withdrawn']);
    });

    it('resends as usual when the tenant still matches the plan', async () => {
      const world = { changed: false, replanned: 0 };
      const intune = new FakeIntune();
      intune.script = ['needsApproval', 'approved'];
      const { engine } = engineOver(createMemoryStorage(), intune, new FakeClock(), [planRecheck(world)]);
      const run = await recheckedRun(engine);
      await engine.idle();
      expect((await engine.get(run.id))?.status).toBe('done');
      expect(intune.resends).toHaveLength(1);
      expect(intune.cancelled).toEqual([]);
    });

    it('a restart in the middle of the withdrawal finishes it without resending', async () => {
      const world = { changed: false, replanned: 0 };
      const storage = createMemoryStorage();
      const intune = new FakeIntune();
      intune.script = ['needsApproval'];
      const first = engineOver(storage, intune, new FakeClock(), [planRecheck(world)]);
      const run = await recheckedRun(first.engine);
      await first.engine.advance(run.id, alex);
      await first.engine.stop();
      await killedWith(first.engine, run.id, { status: 'approved', withdrawnAt: 'x' });
      const second = engineOver(storage, intune, new FakeClock(), [planRecheck(world)]);
      await second.engine.resumeAll();
      await second.engine.idle();
      expect((await second.engine.get(run.id))?.status).toBe('failed');
      expect(intune.resends).toEqual([]);
      expect(intune.cancelled).toEqual(['code-1']);
      expect(world.replanned).toBe(1);
    });
  });
});
