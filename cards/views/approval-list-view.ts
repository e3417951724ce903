import type { ApprovalRecord } from '../../core/approvals/approval-record.js';
import type { ApprovalListEntry } from '../../core/approvals/approval-list-index.js';
import { formatMoment } from '../time-format.js';

interface ApprovalLine {
  readonly approvalId: string;
  readonly title: string;
  readonly line: string;
}

export interface ApprovalListView {
  /** A More page lists only the caller's earlier requests; the first page also what waits for them. */
  readonly older: boolean;
  readonly toDecideNote: string;
  readonly toDecide: readonly ApprovalLine[];
  readonly mineTitle: string;
  readonly mine: readonly ApprovalLine[];
  /** The More button's opaque token, '' when no earlier request follows. */
  readonly continuation: string;
}

const SHOWN = 10;

/** A request's status in words, never the stored enum. */
const STATUS_WORDS: Record<ApprovalRecord['status'], string> = {
  pending: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  cancelled: 'cancelled',
  expired: 'expired',
  superseded: 'replaced by a new plan',
};

export function toApprovalListView(lists: {
  toDecide: readonly ApprovalListEntry[];
  mine: readonly ApprovalListEntry[];
  isApprover: boolean;
  now: Date;
  /** The More button's token when earlier requests follow. */
  more?: string;
  /** This is a More page. */
  older?: boolean;
}): ApprovalListView {
  const line = (record: ApprovalListEntry): ApprovalLine => ({
    approvalId: record.id,
    title: record.plan.title,
    line: `${STATUS_WORDS[record.status]} · requested by ${record.requestedBy.name} · ${record.approvals.length} of ${record.quorum} ${record.quorum === 1 ? 'approval' : 'approvals'} · expires ${formatMoment(record.expiresAt, lists.now)}`,
  });
  const waiting = lists.toDecide.length;
  return {
    older: lists.older === true,
    mineTitle: lists.older === true ? 'Your earlier requests' : 'Your requests',
    continuation: lists.more ?? '',
    toDecideNote: !lists.isApprover
      ? 'You are not an approver, so nothing waits for you.'
      : waiting === 0
        ? 'Nothing waits for you.'
        : `${waiting} request${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} for you${waiting > SHOWN ? `; the oldest ${SHOWN} are shown` : ''}.`,
    toDecide: lists.toDecide.slice(-SHOWN).map(line),
    mine: lists.mine.slice(0, SHOWN).map(line),
  };
}
