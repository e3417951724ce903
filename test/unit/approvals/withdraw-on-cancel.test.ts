import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { ApprovalRecords } from '../../../core/approvals/approval-records.js';
import { approvalStep } from '../../../core/approvals/approval-step.js';
import { planRecheckStep } from '../../../core/approvals/plan-recheck-step.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { cancelEffects } from '../../../core/rollouts/cancel-effects.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { FakeClock } from '../../support/fake-clock.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };

describe('cancelling a run that waits for its approval', () => {
  it('withdraws the pending request with the reason, audited once; nobody can approve what will never run', async () => {
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
    const engine = new RunEngine({
      storage,
      audit,
      clock,
      log: silentLogger,
      handlers: [approvalStep(records), planRecheckStep(records, [])],
      onCancel: cancelEffects(records, () => clock.now()),
      newRunId: () => 'r-1',
    });
    const request = await records.open(
      { kind: 'toy', title: 'Toy change', intent: {}, changes: [], resources: [], steps: [] },
      alex,
      'conv-1',
      (run) => engine.start(run),
    );
    await engine.idle();
    expect((await engine.get('r-1'))?.steps[0]?.state).toBe('waiting-for-approval');

    await engine.cancel('r-1', alex);
    const withdrawn = await records.requireRecord(request.id);
    expect(withdrawn.status).toBe('cancelled');
    expect(withdrawn.decision).toMatchObject({ by: alex, reason: 'run r-1 was cancelled, so nothing of it runs.' });
    expect((await audit.read()).filter((entry) => entry.action === 'approval.cancelled')).toHaveLength(1);
    expect((await audit.read()).some((entry) => entry.action === 'rollout.cancelled')).toBe(false);

    await engine.cancel('r-1', alex).catch(() => undefined);
    expect((await audit.read()).filter((entry) => entry.action === 'approval.cancelled')).toHaveLength(1);
  });
});
