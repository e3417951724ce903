import { describe, expect, it } from 'vitest';
import { toPolicyDetailsView } from '../../../cards/views/policy-details-view.js';
import { toPolicyListView } from '../../../cards/views/policy-list-view.js';
import { listPolicies, POLICIES_PAGE_SIZE } from '../../../core/policies/policy-listing.js';
import { readPolicyOverview } from '../../../core/policies/policy-overview.js';
import { deviceCollection, FakeTenant } from './fakes.js';

const GROUP = '11111111-1111-4111-8111-111111111111';

describe('policy list', () => {
  it('lists AttachOps policies by default and every EDR/Antivirus policy with --all, by name', async () => {
    const tenant = new FakeTenant();
    tenant.addPolicy({ name: 'b', kind: 'intune-edr', managedByAttachOps: true });
    tenant.addPolicy({ name: 'a', kind: 'configmgr-antivirus' });
    tenant.addPolicy({ name: 'firewall', kind: undefined });
    const { policies } = tenant.services();
    expect((await listPolicies(policies, { all: false, page: 1 })).rows.map((row) => row.name)).toEqual(['b']);
    expect((await listPolicies(policies, { all: true, page: 1 })).rows.map((row) => row.name)).toEqual(['a', 'b']);
  });

  it('pages long lists and says how to see the next page', async () => {
    const tenant = new FakeTenant();
    for (let index = 0; index < POLICIES_PAGE_SIZE + 5; index += 1)
      tenant.addPolicy({ name: `p${String(index).padStart(2, '0')}`, kind: 'intune-edr', managedByAttachOps: true });
    const listing = await listPolicies(tenant.services().policies, { all: false, page: 2 });
    expect(listing.rows).toHaveLength(5);
    const first = toPolicyListView(await listPolicies(tenant.services().policies, { all: false, page: 1 }));
    expect(first.notes[0]).toBe('Page 1 of 2: type policy list --page 2 for more.');
  });
});

describe('policy show', () => {
  it('shows settings and named assignments with device counts', async () => {
    const tenant = new FakeTenant();
    tenant.groups = [{ id: GROUP, displayName: 'Pilot' }];
    tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
    tenant.addPolicy({
      name: 'AV - Servers',
      managedByAttachOps: true,
      draft: {
        kind: 'configmgr-antivirus',
        profile: 'antivirus',
        target: 'configmgr',
        name: 'AV - Servers',
        description: '',
        settings: { realTimeMonitoring: true, disablePrivacyMode: false },
      },
      assignments: [
        { kind: 'collection', collectionId: 'PS100042' },
        { kind: 'collection', collectionId: 'PS1000FF' },
      ],
    });
    const view = toPolicyDetailsView(await readPolicyOverview(tenant.services(), 'av - servers'), new Date());
    expect(view.settings).toEqual([
      { title: 'Real-time monitoring', value: 'on' },
      { title: 'Disable privacy mode', value: 'off' },
    ]);
    expect(view.assignments).toEqual([
      { title: 'Collection Servers (PS100042)', details: '120 devices' },
      { title: 'Collection unknown name (PS1000FF)', details: 'device count not known' },
    ]);
  });
});
