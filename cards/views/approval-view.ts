import type { ApprovalRecord, ApprovalStatus } from '../../core/approvals/approval-record.js';
import type { PlanAction } from '../../core/approvals/change-plan.js';
import { formatMoment } from '../time-format.js';
import { detailFacts, plainText } from './technical-text.js';
import type { CardExtras, DetailFact } from '../card-extras.js';

export type ApprovalViewer = 'approver' | 'requester' | 'viewer';

export interface ApprovalView extends CardExtras {
  readonly approvalId: string;
  readonly runId: string;
  readonly title: string;
  readonly statusIcon: string;
  readonly statusLine: string;
  readonly requestLine: string;
  readonly changes: readonly { icon: string; subject: string; detail: string }[];
  readonly moreChanges: string;
  readonly planLine: string;
  readonly decisionLine: string;
  /** Intune Multi Admin Approval, the second gate after this one; empty when Intune holds nothing. */
  readonly intuneLine: string;
  readonly note: string;
  readonly pending: boolean;
  readonly canDecide: boolean;
  readonly canCancel: boolean;
  /** Who gets their own view of the card (Teams refreshes it for them); empty once decided. */
  readonly userIds: readonly string[];
  readonly details: readonly DetailFact[];
}

const SHOWN_CHANGES = 25;

const ACTION_ICONS: Record<PlanAction, string> = {
  create: '➕',
  update: '✏️',
  'no-op': '＝',
  add: '➕',
  keep: '＝',
  remove: '➖',
};

const STATUS: Record<ApprovalStatus, { icon: string; label: string }> = {
  pending: { icon: '⏳', label: 'Waiting for approval' },
  approved: { icon: '✅', label: 'Approved' },
  rejected: { icon: '⛔', label: 'Rejected' },
  cancelled: { icon: '🚫', label: 'Withdrawn' },
  expired: { icon: '⌛', label: 'Expired' },
  superseded: { icon: '🔁', label: 'Replaced by a new plan' },
};

export function toApprovalView(
  record: ApprovalRecord,
  options: { viewer: ApprovalViewer; userIds?: readonly string[]; note?: string; intuneLine?: string; now: Date },
): ApprovalView {
  const utc = (at: string) => formatMoment(at, options.now);
  const pending = record.status === 'pending';
  const status = STATUS[record.status];
  const votes = `${record.approvals.length} of ${record.quorum} approval${record.quorum === 1 ? '' : 's'}`;
  // A group's object id in a plan line ("Group Pilot (3f2a…)") goes to Details, as the other cards do; so does a
  // policy id in a line's detail ("replaces every setting of the policy AttachOps made (3f2a…)").
  const shown = record.plan.changes.slice(0, SHOWN_CHANGES).map((change) => ({
    change,
    subject: plainText(change.subject, options.now),
    detail: plainText(change.detail, options.now),
  }));
  return {
    approvalId: record.id,
    runId: record.runId,
    title: `${pending ? 'Approval needed' : status.label}: ${record.plan.title}`,
    statusIcon: status.icon,
    statusLine: pending
      ? `${status.label} · ${votes} · expires ${utc(record.expiresAt)}`
      : `${status.label} · ${votes}`,
    requestLine: `Requested by ${record.requestedBy.name} ${utc(record.createdAt)}`,
    changes: shown.map(({ change, subject, detail }) => ({
      icon: ACTION_ICONS[change.action],
      subject: subject.text,
      detail: `${change.action}: ${detail.text}${change.devices === undefined ? '' : ` · ${change.devices} device${change.devices === 1 ? '' : 's'}`}`,
    })),
    moreChanges:
      record.plan.changes.length > SHOWN_CHANGES
        ? `…and ${record.plan.changes.length - SHOWN_CHANGES} more changes.`
        : '',
    planLine:
      'The plan is re-checked against the tenant just before it runs; if the tenant changed, a new plan is made.',
    decisionLine: decisionLine(record, utc),
    intuneLine: options.intuneLine ?? '',
    note: options.note ?? '',
    pending,
    canDecide: pending && options.viewer === 'approver',
    canCancel: pending && options.viewer === 'requester',
    userIds: pending ? [...(options.userIds ?? [])] : [],
    details: [
      { title: 'Request', value: record.id },
      { title: 'Run', value: record.runId },
      { title: 'Plan fingerprint', value: record.planHash.slice(0, 12) },
      ...detailFacts(
        shown.map(({ subject, detail }) => ({
          title: subject.text,
          technical: [...subject.technical, ...detail.technical],
        })),
      ),
    ],
  };
}

function decisionLine(record: ApprovalRecord, utc: (at: string) => string): string {
  const decision = record.decision;
  const voters = record.approvals.map((approval) => `${approval.by.name} (${utc(approval.at)})`).join(', ');
  switch (record.status) {
    case 'pending':
      return voters ? `Approved so far by ${voters}.` : '';
    case 'approved':
      return `Approved by ${voters}.`;
    case 'rejected':
      return `Rejected by ${decision?.by.name ?? 'an approver'} on ${decision ? utc(decision.at) : ''}: ${decision?.reason ?? ''}`;
    case 'cancelled':
      // A request withdrawn because its run was cancelled carries why (core/approvals/approval-records.ts).
      return `Withdrawn by ${decision?.by.name ?? record.requestedBy.name}${decision ? ` on ${utc(decision.at)}` : ''}${decision?.reason ? `: ${decision.reason}` : '.'}`;
    case 'expired':
      return `Nobody approved it before ${utc(record.expiresAt)}.`;
    case 'superseded':
      return record.supersededBy && record.supersededBy !== 'pending'
        ? `The tenant changed; request ${record.supersededBy} has the new plan.`
        : 'The tenant changed; a new plan is being made.';
  }
}
