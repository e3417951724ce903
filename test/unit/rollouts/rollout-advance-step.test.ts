import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { ApprovalRecords } from '../../../core/approvals/approval-records.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { TenantWrite } from '../../../core/ports/tenant-write.js';
import { advanceApprovalId, rolloutAdvanceStep } from '../../../core/rollouts/rollout-advance-step.js';
import type { AdvanceInput } from '../../../core/rollouts/rollout-steps.js';
import { newRunRecord } from '../../../core/runs/new-run-record.js';
import type { StepContext } from '../../../core/runs/step-handler.js';
import { FakeClock } from '../../support/fake-clock.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const input: AdvanceInput = {
  policyName: 'AV - Servers',
  passedRing: 'pilot',
  nextRing: { name: 'broad', devices: 800 },
  ringIndex: 1,
};

/** A process that performs the advance step and dies before the run stored the request's id it got back. */
function setUp() {
  const clock = new FakeClock();
  const storage = createMemoryStorage();
  const audit = createMemoryAuditLog(clock);
  const records = new ApprovalRecords({
    storage,
    audit,
    clock,
    log: silentLogger,
    settings: { quorum: 1, ttlMs: 86_400_000 },
  });
  const notified: string[] = [];
  records.observe({ approvalChanged: (record) => notified.push(record.id) });
  const run = newRunRecord(
    {
      kind: 'rollout',
      title: 'Roll out',
      requestedBy: alex,
      conversationId: 'conv-1',
      resources: ['policy/p-1'],
      steps: [{ kind: 'rollout-advance', title: 'Approval to advance to ring 2 (broad)', input: { ...input } }],
    },
    'r-1',
    clock.now(),
  );
  const step = run.steps[0];
  if (!step) throw new Error('no step');
  const context: StepContext = {
    run,
    actor: alex,
    clock,
    log: silentLogger,
    audit,
    write: {} as TenantWrite,
    startRun: () => Promise.reject(new Error('the advance step starts no run')),
  };
  return { records, audit, notified, step, context, handler: rolloutAdvanceStep(records) };
}

describe('the approve-each advance step across a kill', () => {
  it('performed again before the request id was stored, it finds its own request: one request, one card', async () => {
    const { records, audit, notified, step, context, handler } = setUp();
    const first = await handler.perform(step, context);
    expect(first).toMatchObject({ kind: 'waiting-for-approval', approvalId: advanceApprovalId('r-1', 's1') });
    await records.addCard(advanceApprovalId('r-1', 's1'), 'conv-1', 'activity-1');

    const again = await handler.perform(step, context);
    expect(again).toEqual(first);
    expect(await records.store.list()).toHaveLength(1);
    expect((await audit.read()).filter((entry) => entry.action === 'approval.requested')).toHaveLength(1);
    expect(notified).toEqual([advanceApprovalId('r-1', 's1')]);
  });

  it('posts the card again when the first process died before any card was recorded', async () => {
    const { records, notified, step, context, handler } = setUp();
    await handler.perform(step, context);
    await handler.perform(step, context);
    expect(await records.store.list()).toHaveLength(1);
    expect(notified).toHaveLength(2);
  });

  it('fixes one id per run and step, in the short-id alphabet', () => {
    expect(advanceApprovalId('r-1', 's4')).toMatch(/^a-[a-hjkmnp-z2-9]{8}$/);
    expect(advanceApprovalId('r-1', 's4')).toBe(advanceApprovalId('r-1', 's4'));
    expect(advanceApprovalId('r-1', 's4')).not.toBe(advanceApprovalId('r-1', 's7'));
    expect(advanceApprovalId('r-1', 's4')).not.toBe(advanceApprovalId('r-2', 's4'));
  });
});
