import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { intuneApprovalWait } from '../../../core/maa/intune-approval-wait.js';
import { intuneGateOf } from '../../../core/maa/intune-gate.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { runRecordSchema } from '../../../core/runs/run-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeIntune } from '../maa/fake-intune.js';

const NOW = '2026-11-23T09:00:00.000Z';

/** A run as the bot stored it before wait kinds existed: the Intune hold in `intune`, state `waiting-for-intune`. */
function legacyRun(step: Record<string, unknown>) {
  return {
    id: 'r-1',
    kind: 'test',
    title: 'make a policy',
    requestedBy: { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' },
    conversationId: 'conv-1',
    createdAt: NOW,
    updatedAt: NOW,
    status: 'waiting',
    resources: [],
    steps: [{ id: 's1', kind: 'write', title: 'make policy', input: { fact: 'policy' }, attempts: 1, ...step }],
  };
}

const legacyGate = {
  requestId: 'code-1',
  operation: 'make policy',
  heldWrite: { fact: 'policy' },
  heldAt: NOW,
  status: 'needsApproval',
  checks: 2,
  lastCheckedAt: NOW,
  nextCheckAt: NOW,
};

describe('runs stored before wait kinds existed', () => {
  it('read an Intune hold as an intune-approval wait with the same code, write and look count', () => {
    const step = runRecordSchema.parse(legacyRun({ state: 'waiting-for-intune', intune: legacyGate })).steps[0];
    expect(step).toMatchObject({ state: 'waiting', wait: { kind: 'intune-approval', checks: 2, nextCheckAt: NOW } });
    expect(step && intuneGateOf(step)).toMatchObject({ requestId: 'code-1', heldWrite: { fact: 'policy' } });
  });

  it('read a console verification in progress as an active wait, and one that gave up as handed back', () => {
    const verification = { startedAt: NOW, attempts: 3, requestedBy: 'Alex Wilber' };
    const active = runRecordSchema.parse(legacyRun({ state: 'waiting-for-admin', verification })).steps[0];
    expect(active).toMatchObject({ state: 'waiting', wait: { kind: 'console-verification', checks: 3 } });
    const gaveUp = runRecordSchema.parse(
      legacyRun({ state: 'waiting-for-admin', verification: { ...verification, gaveUpAt: NOW } }),
    ).steps[0];
    expect(gaveUp).toMatchObject({ state: 'waiting-for-admin', wait: { gaveUpAt: NOW } });
  });

  it('a held write stored by the old bot is resent once after the upgrade, not performed again', async () => {
    const storage = createMemoryStorage();
    await storage.put('run/r-1', legacyRun({ state: 'waiting-for-intune', intune: legacyGate }));
    const intune = new FakeIntune();
    const clock = new FakeClock();
    const engine = new RunEngine({
      storage,
      audit: createMemoryAuditLog(clock),
      clock,
      log: silentLogger,
      handlers: [intune.handler()],
      waits: [
        intuneApprovalWait({ approvals: intune, policy: { firstMs: 1, factor: 2, maxMs: 4 }, log: silentLogger }),
      ],
    });
    expect(await engine.resumeAll()).toBe(1);
    await engine.idle();
    expect((await engine.get('r-1'))?.status).toBe('done');
    expect(intune.performs).toEqual([]);
    expect(intune.resends).toEqual([{ heldWrite: { fact: 'policy' }, requestId: 'code-1' }]);
  });
});
