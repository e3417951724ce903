import { toDriftView, type DriftCardInput } from '../../cards/views/drift-view.js';
import type { DriftView } from '../../cards/views/drift-view.js';

const NOW = new Date('2026-03-10T09:45:00Z');
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const base: DriftCardInput = {
  episodeId: 'd-1a2b3c4d',
  policyId: '3f2a9c1e-8d4b-4c55-9a0e-1b2c3d4e5f60',
  policyName: 'EDR pilot',
  openedAt: '2026-03-10T09:30:00Z',
  updatedAt: '2026-03-10T09:45:00Z',
  items: [
    {
      kind: 'setting',
      settingId: SAMPLE_SHARING,
      approved: JSON.stringify({ choice: { value: `${SAMPLE_SHARING}_1` } }),
      now: JSON.stringify({ choice: { value: `${SAMPLE_SHARING}_0` } }),
    },
    {
      kind: 'target-removed',
      target: { key: 'configurationmanagercollectionassignmenttarget:PS100042', filter: '' },
    },
    {
      kind: 'target-added',
      target: { key: 'groupassignmenttarget:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', filter: '' },
    },
  ],
  who: {
    kind: 'known',
    changes: [
      {
        at: '2026-03-10T09:21:07Z',
        actor: 'megan.bowen@contoso.example',
        actorKind: 'person',
        activity: 'Update DeviceManagementConfigurationPolicy',
        policyIds: ['3f2a9c1e-8d4b-4c55-9a0e-1b2c3d4e5f60'],
      },
    ],
  },
  status: { kind: 'open' },
};

export const driftFixtures: readonly DriftView[] = [
  toDriftView(base, NOW),
  toDriftView({ ...base, who: { kind: 'not-permitted' } }, NOW),
  toDriftView({ ...base, who: { kind: 'unknown', reason: 'Graph answered 503 three times' } }, NOW),
  toDriftView({ ...base, status: { kind: 'revert-requested', by: 'Alex Wilber', at: '2026-03-10T09:40:00Z' } }, NOW),
  toDriftView({ ...base, status: { kind: 'reverted', by: 'Megan Bowen', at: '2026-03-10T09:44:00Z' } }, NOW),
  toDriftView({ ...base, items: [{ kind: 'deleted' }], who: { kind: 'known', changes: [] } }, NOW),
  toDriftView({ ...base, status: { kind: 'accepted', by: 'Megan Bowen', at: '2026-03-10T09:44:00Z' } }, NOW),
];
