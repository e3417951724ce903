import { z } from 'zod';
import { INTUNE_REQUEST_STATUSES, type IntuneApprovalRequest } from '../ports/intune-approvals.js';
import type { StepProblem, StepRecord } from '../runs/run-record.js';
import type { IntuneApprovalRequired } from './intune-approval-required.js';

/** A step held by Intune Multi Admin Approval: everything needed to keep waiting, or to resend, after a restart. */
export const intuneGateSchema = z.object({
  requestId: z.string(),
  operation: z.string(),
  /** The adapter's exact request, resent unchanged with the approval code. */
  heldWrite: z.unknown(),
  heldAt: z.string(),
  status: z.enum(INTUNE_REQUEST_STATUSES),
  expiresAt: z.string().optional(),
  approverGroups: z.array(z.string()).optional(),
  decidedBy: z.string().optional(),
  decisionReason: z.string().optional(),
  checks: z.number().int().nonnegative(),
  lastCheckedAt: z.string().optional(),
  nextCheckAt: z.string().optional(),
  /** Set, and stored, before the one resend with the code goes out: a restart never sends it blindly again. */
  resendStartedAt: z.string().optional(),
});
export type IntuneGate = z.infer<typeof intuneGateSchema>;

/** How often a held write is looked at: soon at first, then less often, never rarer than `maxMs`. */
export interface IntuneWaitPolicy {
  readonly firstMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

export const DEFAULT_INTUNE_WAIT_POLICY: IntuneWaitPolicy = { firstMs: 30_000, factor: 2, maxMs: 15 * 60_000 };

export const INTUNE_GATE_TITLE = 'Intune holds this change for Multi Admin Approval';

export function nextIntuneCheckDelay(policy: IntuneWaitPolicy, checks: number): number {
  return Math.min(policy.maxMs, policy.firstMs * policy.factor ** Math.max(0, checks - 1));
}

/** What the run does after one look at the request. */
export type IntuneVerdict = 'wait' | 'resend' | 'ended';

/** The write came back 403 ApprovalRequired: the step waits for Intune with the code. */
export function heldFields(held: IntuneApprovalRequired, now: Date): Partial<StepRecord> {
  const gate: IntuneGate = {
    requestId: held.requestId,
    operation: held.operation,
    heldWrite: held.heldWrite,
    heldAt: now.toISOString(),
    status: 'needsApproval',
    checks: 0,
    /** Looked at at once: the card then shows the expiry and the approver group. */
    nextCheckAt: now.toISOString(),
  };
  return { state: 'waiting-for-intune', intune: gate, message: waitingMessage(gate) };
}

/** Folds one read of the request into the gate; `undefined` means Intune no longer knows the request. */
export function afterIntuneCheck(
  gate: IntuneGate,
  request: IntuneApprovalRequest | undefined,
  now: Date,
  policy: IntuneWaitPolicy,
): { gate: IntuneGate; verdict: IntuneVerdict } {
  const checks = gate.checks + 1;
  const seen: IntuneGate = {
    ...gate,
    checks,
    lastCheckedAt: now.toISOString(),
    nextCheckAt: new Date(now.getTime() + nextIntuneCheckDelay(policy, checks + 1)).toISOString(),
    ...(request === undefined ? {} : describedBy(request)),
  };
  if (request === undefined)
    return { gate: { ...seen, status: 'cancelled', nextCheckAt: undefined }, verdict: 'ended' };
  switch (request.status) {
    case 'needsApproval':
    case 'unknownFutureValue':
      return { gate: seen, verdict: 'wait' };
    case 'approved':
    case 'completed':
      return { gate: { ...seen, nextCheckAt: undefined }, verdict: 'resend' };
    case 'rejected':
    case 'cancelled':
    case 'expired':
      return { gate: { ...seen, nextCheckAt: undefined }, verdict: 'ended' };
  }
}

/** Only the one who changed something matters to the card: the fields Intune said. */
function describedBy(request: IntuneApprovalRequest): Partial<IntuneGate> {
  return {
    status: request.status,
    ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
    ...(request.approverGroups.length === 0 ? {} : { approverGroups: [...request.approverGroups] }),
    ...(request.approver === undefined ? {} : { decidedBy: request.approver }),
    ...(request.approvalJustification === undefined ? {} : { decisionReason: request.approvalJustification }),
  };
}

/** The step's fields while it waits, or after a look that found no decision. */
export function waitingFields(gate: IntuneGate, note?: string): Partial<StepRecord> {
  return { intune: gate, message: note ?? waitingMessage(gate) };
}

export function waitingMessage(gate: IntuneGate): string {
  // Exact times and ids stay in the stored message; cards read them against their now and put ids behind Details.
  const until = gate.expiresAt ? ` until ${gate.expiresAt}` : '';
  return `${INTUNE_GATE_TITLE} (request ${gate.requestId}); a second Intune admin must approve it${until}.`;
}

/** Rejected, cancelled or expired in Intune: the run ends saying which and by whom; nothing was changed. */
export function endedProblem(gate: IntuneGate): StepProblem {
  const by = gate.decidedBy ? ` by ${gate.decidedBy}` : '';
  const reason = gate.decisionReason ? `: ${gate.decisionReason}` : '';
  const nothing = ' Nothing was changed.';
  switch (gate.status) {
    case 'rejected':
      return {
        title: `Rejected in Intune${by}`,
        message: `rejected in Intune${by}${reason}.${nothing}`,
        fix: 'Change the request as the reason says and ask again.',
      };
    case 'expired':
      return {
        title: 'Expired in Intune',
        message: `Intune request ${gate.requestId} expired before an Intune admin approved it.${nothing}`,
        fix: 'Ask again, and tell an Intune admin in the approver group to look at Multi Admin Approval.',
      };
    default:
      return {
        title: `Cancelled in Intune${by}`,
        message: `Intune request ${gate.requestId} was cancelled${by}${reason}.${nothing}`,
        fix: 'Ask again if the change is still wanted.',
      };
  }
}

export function endedFields(gate: IntuneGate, now: Date): Partial<StepRecord> {
  const problem = endedProblem(gate);
  return { state: 'failed', endedAt: now.toISOString(), intune: gate, problem, message: problem.title };
}

export function resendStartedFields(gate: IntuneGate, now: Date): Partial<StepRecord> {
  return {
    intune: { ...gate, resendStartedAt: now.toISOString() },
    message: `Approved in Intune${gate.decidedBy ? ` by ${gate.decidedBy}` : ''}; sending the change with the approval code.`,
  };
}

export function resentFields(gate: IntuneGate, worldMessage: string, outcome: unknown, now: Date): Partial<StepRecord> {
  return {
    state: 'done',
    endedAt: now.toISOString(),
    intune: { ...gate, status: 'completed' },
    message: `approved in Intune${gate.decidedBy ? ` by ${gate.decidedBy}` : ''}: ${worldMessage}`,
    outcome,
    problem: undefined,
  };
}

export function notArrivedProblem(gate: IntuneGate): StepProblem {
  return {
    title: 'Sent after Intune approval, but not there yet',
    message: `The change was sent once with approval code ${gate.requestId}, yet the tenant does not show it.`,
    fix: 'Press Retry: it looks at the tenant first and asks Intune again only if the change is missing.',
  };
}
