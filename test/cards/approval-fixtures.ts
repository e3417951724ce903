import type { ApprovalRecord } from '../../core/approvals/approval-record.js';
import { toApprovalListView, type ApprovalListView } from '../../cards/views/approval-list-view.js';
import { toApprovalView, type ApprovalView } from '../../cards/views/approval-view.js';

const alex = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const megan = { aadObjectId: 'megan', channelUserId: '29:megan', name: 'Megan Bowen' };

export const pendingApproval: ApprovalRecord = {
  id: 'a-7k2m9q',
  runId: 'r-7k2m9q',
  plan: {
    kind: 'policy-create',
    title: 'Create EDR policy "EDR pilot" for ConfigMgr collections',
    intent: {},
    changes: [
      { action: 'create', subject: 'EDR pilot', detail: 'new ConfigMgr EDR policy (SccmEDR)' },
      ...Array.from({ length: 40 }, (_, index) => ({
        action: 'add' as const,
        subject: `PILOT-${index} collection with a long name`,
        detail: 'assign',
        devices: index * 7,
      })),
    ],
    resources: ['policy:edr pilot'],
    steps: [],
  },
  planHash: 'f'.repeat(64),
  requestedBy: alex,
  conversationId: 'conv',
  createdAt: '2026-11-23T09:00:00.000Z',
  expiresAt: '2026-11-24T09:00:00.000Z',
  quorum: 2,
  status: 'pending',
  approvals: [{ by: megan, at: '2026-11-23T09:05:00.000Z' }],
  cards: [],
};

const rejected: ApprovalRecord = {
  ...pendingApproval,
  status: 'rejected',
  decision: { by: megan, at: '2026-11-23T09:06:00.000Z', reason: 'Pilot first, please.' },
};

/** The moment the fixtures are read against. */
const now = new Date('2026-11-23T10:00:00Z');

export const approvalFixtures: readonly ApprovalView[] = [
  toApprovalView(pendingApproval, { viewer: 'approver', userIds: ['29:alex', '29:megan'], now }),
  toApprovalView(pendingApproval, {
    viewer: 'requester',
    userIds: ['29:alex'],
    note: 'You cannot decide your own request.',
    now,
  }),
  toApprovalView(pendingApproval, { viewer: 'viewer', now }),
  toApprovalView(rejected, { viewer: 'viewer', now }),
  toApprovalView(
    { ...pendingApproval, status: 'approved', approvals: [{ by: megan, at: '2026-11-23T09:05:00.000Z' }] },
    { viewer: 'approver', now },
  ),
];

export const approvalListFixtures: readonly ApprovalListView[] = [
  toApprovalListView({ toDecide: [], mine: [], isApprover: false, now }),
  toApprovalListView({
    toDecide: Array.from({ length: 12 }, () => pendingApproval),
    mine: [rejected],
    isApprover: true,
    now,
  }),
];
