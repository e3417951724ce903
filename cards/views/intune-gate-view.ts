import { INTUNE_GATE_TITLE, type IntuneGate, intuneGateOf } from '../../core/maa/intune-gate.js';
import { MAA_ADMIN_CENTER_URL } from './maa-admin-center.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { formatMoment } from '../time-format.js';

/** The second gate on the progress card: Intune Multi Admin Approval, after our own approval. */
export interface IntuneGateView {
  readonly title: string;
  readonly requestId: string;
  readonly expires: string;
  readonly approverGroup: string;
  readonly status: string;
  readonly link: string;
  /** Intune has not decided yet: the box shows the hold (expiry, approvers); after that, only the outcome. */
  readonly pending: boolean;
  /** The box's container style: amber while held, green once approved, red when it ended without the change. */
  readonly style: 'warning' | 'good' | 'attention';
}

const EMPTY_EXPIRY = 'not known yet';

export const EMPTY_INTUNE_GATE: IntuneGateView = {
  title: '',
  requestId: '',
  expires: '',
  approverGroup: '',
  status: '',
  link: MAA_ADMIN_CENTER_URL,
  pending: false,
  style: 'warning',
};

/** The last step Intune held, if any: while it waits, and after Intune decided. */
export function toIntuneGateView(run: RunRecord, now: Date): IntuneGateView | undefined {
  const held = run.steps.findLast((step) => intuneGateOf(step) !== undefined);
  const gate = held && intuneGateOf(held);
  if (!gate) return undefined;
  const pending = gate.status === 'needsApproval' || gate.status === 'unknownFutureValue';
  const good = gate.status === 'approved' || gate.status === 'completed';
  return {
    title: pending
      ? INTUNE_GATE_TITLE
      : good
        ? 'Intune Multi Admin Approval: approved'
        : 'Intune Multi Admin Approval: ended',
    pending,
    style: pending ? 'warning' : good ? 'good' : 'attention',
    requestId: gate.requestId,
    expires: gate.expiresAt ? formatMoment(gate.expiresAt, now) : EMPTY_EXPIRY,
    approverGroup: gate.approverGroups?.join(', ') ?? '',
    status: statusOf(gate),
    link: MAA_ADMIN_CENTER_URL,
  };
}

/** One line for the approval card, so our approvers see Intune's decision too. */
export function intuneLineOf(run: RunRecord | undefined, now: Date): string {
  const view = run && toIntuneGateView(run, now);
  return view ? `Intune Multi Admin Approval: ${view.status}` : '';
}

function statusOf(gate: IntuneGate): string {
  const by = gate.decidedBy ? ` by ${gate.decidedBy}` : '';
  const reason = gate.decisionReason ? `: ${gate.decisionReason}` : '';
  switch (gate.status) {
    case 'needsApproval':
    case 'unknownFutureValue':
      return 'Waiting for a second Intune admin to approve it in the Intune admin center.';
    case 'approved':
      return gate.resendStartedAt ? `Approved in Intune${by}; sending the change.` : `Approved in Intune${by}.`;
    case 'completed':
      return `Approved in Intune${by}; the change was made.`;
    case 'rejected':
      return `Rejected in Intune${by}${reason}. Nothing was changed.`;
    case 'cancelled':
      return `Cancelled in Intune${by}${reason}. Nothing was changed.`;
    case 'expired':
      return 'Expired in Intune before anyone approved it. Nothing was changed.';
  }
}

/**
 * The one message the requester (and the channel the request came from) gets when Intune holds the change: in plain
 * text, so the request id can be copied for the admin center or a script.
 */
export function intuneHoldMessage(run: RunRecord, now: Date): string | undefined {
  const view = toIntuneGateView(run, now);
  if (!view?.pending) return undefined;
  const approvers = view.approverGroup ? ` (${view.approverGroup})` : '';
  return [
    `Intune holds "${run.title}" for a second Intune administrator${approvers}: Multi Admin Approval protects it.`,
    `It waits until an Intune admin approves it in the Intune admin center${view.expires === EMPTY_EXPIRY ? '' : ` (the request expires ${view.expires})`}; AttachOps then finishes the change by itself and the progress card says so.`,
    `Request id: \`${view.requestId}\``,
  ].join('\n\n');
}
