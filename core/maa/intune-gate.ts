import { z } from 'zod';
import { INTUNE_REQUEST_STATUSES, type IntuneApprovalRequest } from '../ports/intune-approvals.js';
import type { Actor } from '../actor.js';
import type { StepProblem, StepRecord } from '../runs/run-record.js';
import type { WaitStart } from '../runs/wait-start.js';
import type { IntuneApprovalRequired } from './intune-approval-required.js';

export const INTUNE_APPROVAL = 'intune-approval';

/** Who moves a run when Intune decides: the decision itself was made by an Intune admin in the admin center. */
export const INTUNE_ACTOR: Actor = { channelUserId: 'intune-maa', name: 'Intune Multi Admin Approval' };

/**
 * The state of an `intune-approval` wait (intune-approval-wait.ts): everything needed to keep waiting, or to resend,
 * after a restart. How often it was looked at lives in the generic wait record.
 */
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
  /** Set, and stored, before the one resend with the code goes out: a restart never sends it blindly again. */
  resendStartedAt: z.string().optional(),
  /** Set, and stored, before a stale request is withdrawn (the tenant changed since the plan approved in Teams). */
  withdrawnAt: z.string().optional(),
  /** Set while no way of reading the request finds it (maa.md: "not found" is never "cancelled"). */
  missingSince: z.string().optional(),
});
export type IntuneGate = z.infer<typeof intuneGateSchema>;

/** How often a held write is looked at: soon at first, then less often, never rarer than `maxMs`. */
export interface IntuneWaitPolicy {
  readonly firstMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** maa.md "Corrections" [DOC]: a request not processed within 3 days expires; the wait stops then even if reads fail. */
export const INTUNE_REQUEST_LIFETIME_MS = 3 * 24 * 3_600_000;

export const DEFAULT_INTUNE_WAIT_POLICY: IntuneWaitPolicy = { firstMs: 30_000, factor: 2, maxMs: 15 * 60_000 };

export const INTUNE_GATE_TITLE = 'Intune holds this change for Multi Admin Approval';

export function nextIntuneCheckDelay(policy: IntuneWaitPolicy, checks: number): number {
  return Math.min(policy.maxMs, policy.firstMs * policy.factor ** Math.max(0, checks - 1));
}

/** What the run does after one look at the request: `settle` reads the tenant (completed: carried out already?). */
export type IntuneVerdict = 'wait' | 'resend' | 'settle' | 'ended';

/** The write came back held: the step waits for Intune with the code (looked at at once, for expiry and group). */
export function heldStart(held: IntuneApprovalRequired, now: Date): WaitStart<IntuneGate> {
  const gate: IntuneGate = {
    requestId: held.requestId,
    operation: held.operation,
    heldWrite: held.heldWrite,
    heldAt: now.toISOString(),
    status: 'needsApproval',
  };
  // A write that met the entity's pending request (409) joins that request's wait: audited as such, never a new hold.
  const action = held.rejoined ? 'intune.rejoined' : 'intune.held';
  return {
    state: gate,
    message: waitingMessage(gate),
    startedBy: INTUNE_ACTOR.name,
    expiresAt: new Date(now.getTime() + INTUNE_REQUEST_LIFETIME_MS).toISOString(),
    events: [{ actor: INTUNE_ACTOR, action, details: { requestId: held.requestId, operation: held.operation } }],
  };
}

/** Folds one read of the request into the gate; `undefined` means Intune no longer knows the request. */
export function afterIntuneCheck(
  gate: IntuneGate,
  request: IntuneApprovalRequest | undefined,
): { gate: IntuneGate; verdict: IntuneVerdict } {
  if (request === undefined) return { gate, verdict: 'wait' };
  const { missingSince: _found, ...known } = gate;
  const seen: IntuneGate = { ...known, ...describedBy(request) };
  switch (request.status) {
    case 'needsApproval':
    case 'unknownFutureValue':
      return { gate: seen, verdict: 'wait' };
    case 'approved':
      return { gate: seen, verdict: 'resend' };
    case 'completed':
      return { gate: seen, verdict: 'settle' };
    case 'rejected':
    case 'cancelled':
    case 'expired':
      return { gate: seen, verdict: 'ended' };
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

export function waitingMessage(gate: IntuneGate): string {
  // Exact times and ids stay in the stored message; cards read them against their now and put ids behind Details.
  const until = gate.expiresAt ? ` before ${gate.expiresAt}` : '';
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

/** What the card says once the approved write goes out with the code. */
export function resendingNote(gate: IntuneGate): string {
  return `Approved in Intune${gate.decidedBy ? ` by ${gate.decidedBy}` : ''}; sending the change with the approval code.`;
}

export function resentMessage(gate: IntuneGate, worldMessage: string): string {
  return `approved in Intune${gate.decidedBy ? ` by ${gate.decidedBy}` : ''}: ${worldMessage}`;
}

/** Nobody can find the request: the wait goes on (until its expiry) and the card says so. */
export function missingNote(gate: IntuneGate): string {
  return `Intune does not show request ${gate.requestId} at the moment; I keep checking until it expires.`;
}

/** The tenant changed after the plan was approved in Teams: the approved write would undo it, so it is never sent. */
export function staleProblem(gate: IntuneGate, replanned: string): StepProblem {
  return {
    title: 'The tenant changed while Intune held the change',
    message: `Someone changed it after the plan was approved in Teams, so the held write was not sent: it would have undone their change. Intune request ${gate.requestId} was withdrawn. ${replanned}`,
    fix: 'Look at the new plan: approve it in Teams, and a second Intune admin approves it in Intune again.',
  };
}

export function notArrivedProblem(gate: IntuneGate): StepProblem {
  return {
    title: 'Sent after Intune approval, but not there yet',
    message: `The change was sent once with approval code ${gate.requestId}, yet the tenant does not show it.`,
    fix: 'Press Retry: it looks at the tenant first and asks Intune again only if the change is missing.',
  };
}

/** The Intune hold stored on a step (while it waits, and after Intune decided), if the step had one. */
export function intuneGateOf(step: StepRecord): IntuneGate | undefined {
  if (step.wait?.kind !== INTUNE_APPROVAL) return undefined;
  const parsed = intuneGateSchema.safeParse(step.wait.state);
  return parsed.success ? parsed.data : undefined;
}
