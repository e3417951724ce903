import type { PolicyDetailsView } from '../../../cards/views/policy-details-view.js';
import { toPolicyDetailsView } from '../../../cards/views/policy-details-view.js';
import type { PolicyListView } from '../../../cards/views/policy-list-view.js';
import { toPolicyListView } from '../../../cards/views/policy-list-view.js';
import type { PlannedTarget } from '../../../core/policies/planned-target.js';
import { MAX_DESCRIBED_ASSIGNMENTS } from '../../../core/policies/policy-overview.js';
import { POLICIES_PAGE_SIZE } from '../../../core/policies/policy-listing.js';
import type { PolicyDetails, PolicyListItem } from '../../../core/policy/managed-policy.js';
import { policyId } from './fakes.js';

const LONG = 'Contoso endpoint detection and response baseline for every Windows device in every branch office '.repeat(
  3,
);

function item(index: number, extra: Partial<PolicyListItem> = {}): PolicyListItem {
  return {
    id: policyId(index),
    name: `${LONG}${index}`,
    description: '',
    kind: index % 2 === 0 ? 'intune-edr' : 'configmgr-antivirus',
    managedByAttachOps: index % 3 !== 0,
    isAssigned: index % 2 === 0,
    ...extra,
  };
}

const fullPage = Array.from({ length: POLICIES_PAGE_SIZE }, (_, index) => item(index));

export const policyListFixtures: readonly PolicyListView[] = [
  toPolicyListView({ query: { all: true, filter: 'Contoso', page: 1 }, rows: fullPage, total: 57, pageCount: 3 }),
  toPolicyListView({ query: { all: false, page: 1 }, rows: [], total: 0, pageCount: 1 }),
  toPolicyListView({
    query: { all: false, page: 1 },
    rows: [item(1, { name: 'AV - Servers', kind: undefined })],
    total: 1,
    pageCount: 1,
  }),
];

const manyGroups: PlannedTarget[] = Array.from({ length: MAX_DESCRIBED_ASSIGNMENTS }, (_, index) => ({
  target: {
    kind: index % 5 === 0 ? 'exclude-group' : 'group',
    groupId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  },
  label: `Group ${LONG.slice(0, 120)} ${index} (00000000-0000-4000-8000-${String(index).padStart(12, '0')})`,
}));

const intunePolicy: PolicyDetails = {
  ...item(2, { description: LONG, lastModified: new Date('2026-11-20T08:30:00Z') }),
  draft: {
    kind: 'intune-edr',
    profile: 'edr',
    target: 'intune',
    name: 'EDR',
    description: LONG,
    scopeTagIds: ['0', '7'],
    settings: { sampleSharing: 'all', telemetry: 'expedited' },
  },
  unmodelledSettingIds: ['device_vendor_msft_other'],
  onboardingFromConnector: true,
  assignments: [...manyGroups.map((planned) => planned.target), { kind: 'all-devices' }, { kind: 'all-users' }],
};

const configMgrPolicy: PolicyDetails = {
  ...item(3, { name: 'AV - Servers', kind: 'configmgr-antivirus', managedByAttachOps: true }),
  draft: {
    kind: 'configmgr-antivirus',
    profile: 'antivirus',
    target: 'configmgr',
    name: 'AV - Servers',
    description: '',
    settings: { realTimeMonitoring: true, disableRestorePoint: false },
  },
  unmodelledSettingIds: [],
  onboardingFromConnector: false,
  assignments: [{ kind: 'collection', collectionId: 'PS100042' }],
};

const unassigned: PolicyDetails = {
  ...configMgrPolicy,
  kind: undefined,
  draft: undefined,
  managedByAttachOps: false,
  assignments: [],
};

const now = new Date('2026-11-23T12:00:00Z');

export const policyDetailsFixtures: readonly PolicyDetailsView[] = [
  toPolicyDetailsView({ policy: intunePolicy, assignments: manyGroups }, now),
  toPolicyDetailsView(
    {
      policy: configMgrPolicy,
      assignments: [
        {
          target: { kind: 'collection', collectionId: 'PS100042' },
          label: 'Collection Servers (PS100042)',
          devices: 1,
        },
      ],
    },
    now,
  ),
  toPolicyDetailsView({ policy: unassigned, assignments: [] }, now),
];
