import { toComplianceDevicesView, type ComplianceDevicesView } from '../../../cards/views/compliance-devices-view.js';
import { toCompliancePolicyView, type CompliancePolicyView } from '../../../cards/views/compliance-policy-view.js';
import {
  toComplianceSubscriptionsView,
  type ComplianceSubscriptionsView,
} from '../../../cards/views/compliance-subscriptions-view.js';
import { toComplianceSummaryView, type ComplianceSummaryView } from '../../../cards/views/compliance-summary-view.js';
import { nonCompliantDevicesPage } from '../../../core/compliance/non-compliant-devices.js';
import type { ComplianceSnapshot } from '../../../core/compliance/compliance-snapshot.js';
import { summarize, toSummaryRow } from '../../../core/compliance/summary-model.js';
import { counts, deviceRows, policyId } from './fakes.js';

const TAKEN_AT = new Date('2026-11-23T09:00:00Z');
const LONG = 'Antivirus - '.repeat(30);

export const snapshot: ComplianceSnapshot = {
  takenAt: TAKEN_AT,
  policies: [
    {
      policyId: policyId(1),
      name: 'EDR - Windows',
      target: 'intune',
      result: { ok: true, counts: counts(40, 6, 2, 2) },
    },
    { policyId: policyId(2), name: LONG, target: 'configmgr', result: { ok: true, counts: counts(90, 4) } },
    { policyId: policyId(3), name: 'New policy', target: 'configmgr', result: { ok: true, counts: counts(0) } },
    {
      policyId: policyId(4),
      name: 'Broken',
      target: 'configmgr',
      result: { ok: false, message: 'Graph answered 429 five times' },
    },
  ],
};

const baseline = new Map([[policyId(1), { counts: counts(30, 8, 2, 10), at: new Date('2026-11-22T09:00:00Z') }]]);

export const complianceSummaryFixtures: readonly ComplianceSummaryView[] = [
  toComplianceSummaryView(summarize(snapshot, baseline, 1, 10, new Date('2026-11-22T09:00:00Z')), { now: TAKEN_AT }),
  toComplianceSummaryView(summarize(snapshot, baseline, 2, 2), {
    now: TAKEN_AT,
    title: 'Scheduled compliance summary',
    subscriptionId: 'a1b2c3d4',
  }),
  toComplianceSummaryView(summarize({ takenAt: TAKEN_AT, policies: [] }, new Map(), 1, 10), { now: TAKEN_AT }),
];

export const compliancePolicyFixtures: readonly CompliancePolicyView[] = snapshot.policies.map((policy) =>
  toCompliancePolicyView(toSummaryRow(policy, baseline), TAKEN_AT, TAKEN_AT),
);

export const complianceDevicesFixtures: readonly ComplianceDevicesView[] = [
  toComplianceDevicesView(
    nonCompliantDevicesPage(
      { policyId: policyId(1), policyName: 'EDR - Windows', takenAt: TAKEN_AT },
      deviceRows({ Succeeded: 5, 'Not compliant': 30, Error: 4 }),
      1,
    ),
    TAKEN_AT,
  ),
  toComplianceDevicesView(
    nonCompliantDevicesPage(
      { policyId: policyId(1), policyName: LONG, takenAt: TAKEN_AT },
      deviceRows({ Succeeded: 5 }),
      1,
    ),
    TAKEN_AT,
  ),
];

export const complianceSubscriptionsFixtures: readonly ComplianceSubscriptionsView[] = [
  toComplianceSubscriptionsView(
    [
      {
        subscription: {
          id: 'a1b2c3d4',
          conversationId: '19:c',
          schedule: { cron: '0 9 * * *', timeZone: 'Europe/Paris', description: 'daily at 09:00 (Europe/Paris)' },
          policies: [],
          createdBy: { id: '29:alex', name: 'Alex Wilber' },
          createdAt: '2026-11-20T09:00:00Z',
          state: 'active',
          lastRunAt: '2026-11-23T08:00:00Z',
        },
        nextRun: new Date('2026-11-24T08:00:00Z'),
      },
      {
        subscription: {
          id: 'e5f6a7b8',
          conversationId: '19:c',
          schedule: { cron: '*/1 * * * *', timeZone: 'UTC', description: 'cron */1 * * * * (UTC)' },
          policies: [{ id: policyId(1), name: 'EDR - Windows' }],
          createdBy: { id: '29:megan', name: 'Megan Bowen' },
          createdAt: '2026-11-20T09:00:00Z',
          state: 'paused',
          lastRunAt: '2026-11-23T08:00:00Z',
          pausedReason: 'the conversation could not be reached (HTTP 403)',
        },
        nextRun: undefined,
      },
    ],
    TAKEN_AT,
  ),
  toComplianceSubscriptionsView([], TAKEN_AT),
];
