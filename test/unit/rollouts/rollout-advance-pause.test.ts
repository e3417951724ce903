import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { toApprovalView } from '../../../cards/views/approval-view.js';
import type { Actor } from '../../../core/actor.js';
import { ApprovalRecords } from '../../../core/approvals/approval-records.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { advanceRequestNote } from '../../../core/rollouts/advance-request-note.js';
import { cancelEffects } from '../../../core/rollouts/cancel-effects.js';
import { advanceApprovalId, rolloutAdvanceStep } from '../../../core/rollouts/rollout-advance-step.js';
import { rolloutHoldWait } from '../../../core/rollouts/rollout-hold-wait.js';
import { RolloutPauses } from '../../../core/rollouts/rollout-pauses.js';
import type { AdvanceInput, RingInfo } from '../../../core/rollouts/rollout-steps.js';
import { rolloutTimeline } from '../../../core/rollouts/rollout-timeline.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { defineStepKind } from '../../../core/runs/step-handler.js';
import { FakeClock } from '../../support/fake-clock.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const megan: Actor = { aadObjectId: 'megan', channelUserId: '29:megan', name: 'Megan Bowen' };
const INTERVAL_MS = 15 * 60_000;
const POLICY = { policyId: 'p-1', policyName: 'AV - Servers' };
const ring = (index: number, name: string, devices: number): RingInfo => ({ index, of: 2, name, devices, ...POLICY });
const advance: AdvanceInput = {
  policyName: POLICY.policyName,
  passedRing: 'pilot',
  nextRing: { name: 'broad', devices: 800 },
  ringIndex: 1,
};

/**
 * An approve-each rollout of two rings on the real run engine: ring 1's assign, the advance step, ring 2's assign.
 * The assign steps only record when they were performed (the tenant write itself is tested elsewhere).
 */
function setUp() {
  const clock = new FakeClock();
  const storage = createMemoryStorage();
  const audit = createMemoryAuditLog(clock);
  const records = new ApprovalRecords({
    storage,
    audit,
    clock,
    log: silentLogger,
    settings: { quorum: 1, ttlMs: 7 * 86_400_000 },
  });
  const pauses = new RolloutPauses(storage, clock);
  const assigned: { ring: string; at: number }[] = [];
  const assign = defineStepKind({
    kind: 'policy-assign',
    changesTenant: true,
    check: () => Promise.resolve({ done: false }),
    perform: (step) => {
      assigned.push({ ring: (step.input.ring as RingInfo).name, at: clock.now().getTime() });
      return Promise.resolve({ kind: 'done', message: 'assigned' });
    },
  });
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [assign, rolloutAdvanceStep(records, pauses)],
    waits: [rolloutHoldWait({ pauses, checkIntervalMs: INTERVAL_MS })],
    onCancel: cancelEffects(records, () => clock.now()),
    newRunId: () => 'r-1',
  });
  const start = () =>
    engine.start({
      kind: 'rollout',
      title: 'Roll out "AV - Servers" in 2 rings',
      requestedBy: alex,
      conversationId: 'conv-1',
      resources: ['policy:p-1'],
      steps: [
        { kind: 'policy-assign', title: 'Ring 1', input: { ...POLICY, targets: [], ring: ring(0, 'pilot', 12) } },
        { kind: 'rollout-advance', title: 'Approval to advance to ring 2 (broad)', input: { ...advance } },
        { kind: 'policy-assign', title: 'Ring 2', input: { ...POLICY, targets: [], ring: ring(1, 'broad', 800) } },
      ],
    });
  /** A second person approves the request the way ApprovalService does, then moves the run. */
  const approve = async (id: string) => {
    const at = clock.now().toISOString();
    await records.changes.update(id, (current) => ({
      record: { ...current, status: 'approved', approvals: [{ by: megan, at }], decision: { by: megan, at } },
      result: undefined,
    }));
    engine.advanceInBackground('r-1', megan);
  };
  const run = async () => (await engine.get('r-1')) as RunRecord;
  const rolloutActions = async () =>
    (await audit.read()).filter((entry) => entry.action.startsWith('rollout.')).map((entry) => entry.action);
  return { clock, audit, records, pauses, engine, assigned, start, approve, run, rolloutActions };
}

describe('a rollout paused while its next ring waits for approval', () => {
  it('approved while paused: the approval counts, the ring is held (across looks) and assigned only after resume', async () => {
    const t = setUp();
    await t.start();
    await t.engine.idle();
    const requestId = advanceApprovalId('r-1', 's2');
    expect((await t.run()).steps[1]?.state).toBe('waiting-for-approval');
    expect(await t.pauses.pause('r-1', alex)).toBe(true);

    let looksWhileHeld = 0;
    let held: RunRecord | undefined;
    let note = '';
    let resumedAt = 0;
    const watch = (): void =>
      t.clock.duringNextSleep(() => {
        looksWhileHeld += 1;
        if (looksWhileHeld < 6) return watch();
        resumedAt = t.clock.now().getTime();
        void t.run().then(async (snapshot) => {
          held = snapshot;
          note = await advanceRequestNote(await t.records.requireRecord(requestId), snapshot, t.pauses);
          return t.pauses.resume('r-1');
        });
      });
    watch();
    await t.approve(requestId);
    await t.engine.idle();

    expect((await t.records.requireRecord(requestId)).status).toBe('approved');
    expect(held?.steps[1]?.state).toBe('waiting');
    expect(held?.steps[1]?.wait?.kind).toBe('rollout-hold');
    expect(held?.steps[1]?.message).toBe(
      'Approved by Megan Bowen; paused by Alex Wilber: ring broad is assigned once someone types rollout resume.',
    );
    expect(held && rolloutTimeline(held, t.clock.now()).rings[1]).toMatchObject({
      name: 'broad',
      devices: 800,
      phase: 'held',
      approvedBy: 'Megan Bowen',
      pausedBy: 'Alex Wilber',
    });
    expect(note).toBe(
      'The rollout is paused by Alex Wilber: ring broad is approved and is assigned once someone types rollout resume.',
    );

    const done = await t.run();
    expect(done.status).toBe('done');
    expect(t.assigned.map((one) => one.ring)).toEqual(['pilot', 'broad']);
    expect(t.assigned[1]?.at).toBeGreaterThanOrEqual(resumedAt);
    expect(done.steps[1]?.message).toBe('Resumed: ring broad follows (approved by Megan Bowen).');
    expect(await t.rolloutActions()).toEqual(['rollout.advance-approved']);
    const approved = (await t.audit.read()).find((entry) => entry.action === 'rollout.advance-approved');
    expect(approved?.actor.name).toBe('Megan Bowen');
    expect(approved?.details).toMatchObject({ ringIndex: 1, ring: 'broad', approvalId: requestId });
  });

  it('approved while not paused: done at once, one rollout.advance-approved, no hold', async () => {
    const t = setUp();
    await t.start();
    await t.engine.idle();
    await t.approve(advanceApprovalId('r-1', 's2'));
    await t.engine.idle();
    const done = await t.run();
    expect(done.status).toBe('done');
    expect(done.steps[1]?.wait).toBeUndefined();
    expect(t.assigned.map((one) => one.ring)).toEqual(['pilot', 'broad']);
    expect(await t.rolloutActions()).toEqual(['rollout.advance-approved']);
  });

  it('cancelled while the request is pending: the request is withdrawn with the reason on its card, ring 2 never assigned', async () => {
    const t = setUp();
    await t.start();
    await t.engine.idle();
    const requestId = advanceApprovalId('r-1', 's2');
    await t.engine.cancel('r-1', alex);
    await t.engine.idle();

    const record = await t.records.requireRecord(requestId);
    expect(record.status).toBe('cancelled');
    expect(record.decision?.by.name).toBe('Alex Wilber');
    const view = toApprovalView(record, { viewer: 'approver', now: t.clock.now() });
    expect(view.title).toBe(`Withdrawn: ${record.plan.title}`);
    expect(view.canDecide).toBe(false);
    expect(view.decisionLine).toMatch(
      /^Withdrawn by Alex Wilber on .+: the rollout was cancelled, so ring broad is not assigned\.$/,
    );
    expect((await t.run()).status).toBe('cancelled');
    expect(t.assigned.map((one) => one.ring)).toEqual(['pilot']);
    const entries = await t.audit.read();
    expect(entries.filter((entry) => entry.action === 'approval.cancelled')).toHaveLength(1);
    const cancelled = entries.filter((entry) => entry.action === 'rollout.cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.details).toMatchObject({ assigned: ['pilot'], notAssigned: ['broad'] });
    expect(await advanceRequestNote(record, await t.run(), t.pauses)).toBe('');
  });

  it('cancelled while an approved ring is held: the ring is never assigned, the approval stays as decided', async () => {
    const t = setUp();
    await t.start();
    await t.engine.idle();
    const requestId = advanceApprovalId('r-1', 's2');
    await t.pauses.pause('r-1', alex);
    const watch = (): void =>
      t.clock.duringNextSleep(() => {
        void t.engine.cancel('r-1', alex).catch(() => watch());
      });
    watch();
    await t.approve(requestId);
    await t.engine.idle();

    expect((await t.run()).status).toBe('cancelled');
    expect((await t.records.requireRecord(requestId)).status).toBe('approved');
    expect(t.assigned.map((one) => one.ring)).toEqual(['pilot']);
    expect(await t.rolloutActions()).toEqual(['rollout.advance-approved', 'rollout.cancelled']);
  });
});
