import { describe, expect, it } from 'vitest';
import { IntuneApprovalRequired } from '../../../core/maa/intune-approval-required.js';
import { intuneApprovalWait } from '../../../core/maa/intune-approval-wait.js';
import {
  afterIntuneCheck,
  endedProblem,
  heldStart,
  type IntuneGate,
  nextIntuneCheckDelay,
} from '../../../core/maa/intune-gate.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { buildJustification, MAX_JUSTIFICATION_CHARS } from '../../../core/maa/tenant-write.js';
import type { IntuneApprovalRequest, IntuneRequestStatus } from '../../../core/ports/intune-approvals.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const POLICY = { firstMs: 1_000, factor: 2, maxMs: 8_000 };
const held = new IntuneApprovalRequired('code-1', 'create policy', { method: 'POST', path: '/x', body: { a: 1 } });

function gate(): IntuneGate {
  return heldStart(held, NOW).state;
}

const request = (status: IntuneRequestStatus, extra: Partial<IntuneApprovalRequest> = {}): IntuneApprovalRequest => ({
  requestId: 'code-1',
  status,
  approverGroups: ['Intune-MAA-Approvers'],
  expiresAt: '2026-11-26T09:00:00Z',
  ...extra,
});

describe('the Intune gate of a held write', () => {
  it('holds the step with the code and the exact write, and audits the hold with the transition', () => {
    const start = heldStart(held, NOW);
    expect(start.state).toMatchObject({
      requestId: 'code-1',
      status: 'needsApproval',
      heldWrite: { method: 'POST', path: '/x', body: { a: 1 } },
      heldAt: NOW.toISOString(),
    });
    expect(start.message).toContain('Intune holds this change for Multi Admin Approval (request code-1)');
    expect(start.events?.map((event) => event.action)).toEqual(['intune.held']);
  });

  it('is claimed by the Intune wait kind only for a held write', () => {
    const kind = intuneApprovalWait({ approvals: undefined, policy: POLICY, log: silentLogger });
    const step = { id: 's1', kind: 'write', title: 'w', state: 'running' as const, input: {}, attempts: 1 };
    expect(kind.startsFrom?.(held, step, NOW)?.state).toMatchObject({ requestId: 'code-1' });
    expect(kind.startsFrom?.(new Error('refused'), step, NOW)).toBeUndefined();
  });

  it('keeps waiting while nobody decided, looking less often each time up to the cap', () => {
    const kind = intuneApprovalWait({ approvals: undefined, policy: POLICY, log: silentLogger });
    let current = gate();
    const gaps: number[] = [];
    for (let look = 1; look <= 6; look += 1) {
      const next = afterIntuneCheck(current, request('needsApproval'));
      expect(next.verdict).toBe('wait');
      gaps.push(kind.nextDelayMs(look));
      current = next.gate;
    }
    expect(gaps).toEqual([2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
    expect(current).toMatchObject({
      expiresAt: '2026-11-26T09:00:00Z',
      approverGroups: ['Intune-MAA-Approvers'],
    });
    expect(nextIntuneCheckDelay(POLICY, 1)).toBe(1_000);
  });

  it('resends on approved, settles completed by reading the tenant, ends on rejected, cancelled or expired, and keeps waiting for a request nobody finds', () => {
    const verdicts = (['approved', 'completed', 'rejected', 'cancelled', 'expired', 'unknownFutureValue'] as const).map(
      (status) => afterIntuneCheck(gate(), request(status)).verdict,
    );
    expect(verdicts).toEqual(['resend', 'settle', 'ended', 'ended', 'ended', 'wait']);
    const forgotten = afterIntuneCheck(gate(), undefined);
    expect(forgotten).toMatchObject({ verdict: 'wait', gate: { status: 'needsApproval' } });
  });

  it('says which decision and by whom, and that nothing changed', () => {
    const rejected = afterIntuneCheck(
      gate(),
      request('rejected', { approver: 'Patti Fernandez', approvalJustification: 'Not during the freeze' }),
    ).gate;
    expect(endedProblem(rejected).message).toBe(
      'rejected in Intune by Patti Fernandez: Not during the freeze. Nothing was changed.',
    );
    expect(endedProblem({ ...rejected, status: 'expired' }).title).toBe('Expired in Intune');
    expect(endedProblem({ ...rejected, status: 'cancelled' }).message).toContain('was cancelled by Patti Fernandez');
  });
});

describe('the justification sent with every tenant write', () => {
  it('names what, who asked, who approved in Teams and the plan hash', () => {
    const text = buildJustification({
      what: 'Create policy "EDR pilot"',
      requestedBy: 'Alex Wilber',
      approvedBy: ['Megan Bowen'],
      planHash: 'f'.repeat(64),
      approvalId: 'a-1',
      runId: 'r-1',
    });
    expect(text).toContain('Create policy "EDR pilot"');
    expect(text).toContain('Requested by Alex Wilber');
    expect(text).toContain('approved in Teams by Megan Bowen');
    expect(text).toContain(`plan sha256 ${'f'.repeat(64)}`);
  });

  it('never exceeds the documented 1,024 characters, whatever the plan says', () => {
    const lengths = [0, 1, 500, 900, 1024, 1025, 3000];
    for (const whatLength of lengths) {
      for (const nameLength of [0, 40, 300]) {
        for (const approvers of [0, 1, 5]) {
          const text = buildJustification({
            what: 'é'.repeat(whatLength),
            requestedBy: 'R'.repeat(nameLength),
            approvedBy: Array.from({ length: approvers }, (_, index) => `${'A'.repeat(nameLength)}${index}`),
            planHash: 'a'.repeat(64),
            approvalId: 'a-1',
            runId: 'r-1',
          });
          expect(text.length).toBeLessThanOrEqual(MAX_JUSTIFICATION_CHARS);
          expect(text.startsWith('AttachOps: ')).toBe(true);
        }
      }
    }
  });
});
