import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../../core/approvals/change-plan.js';
import { createPolicyAssignPlanner } from '../../../core/policies/policy-assign-planner.js';
import { createPolicyAssignStep } from '../../../core/policies/policy-assign-step.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { deviceCollection, FakeTenant } from './fakes.js';
import { runStep } from './step-context.js';

const G_PILOT = '11111111-1111-4111-8111-111111111111';
const G_KIOSK = '22222222-2222-4222-8222-222222222222';
const G_FINANCE = '33333333-3333-4333-8333-333333333333';
const G_FINANCE_2 = '44444444-4444-4444-8444-444444444444';

const intuneDraft: PolicyDraft = {
  kind: 'intune-edr',
  profile: 'edr',
  target: 'intune',
  name: 'EDR - Windows',
  description: '',
  scopeTagIds: [],
  settings: {},
};
const configMgrDraft: PolicyDraft = {
  kind: 'configmgr-antivirus',
  profile: 'antivirus',
  target: 'configmgr',
  name: 'AV - Servers',
  description: '',
  settings: {},
};

function tenantWithPolicies() {
  const tenant = new FakeTenant();
  tenant.groups = [
    { id: G_PILOT, displayName: 'Pilot' },
    { id: G_KIOSK, displayName: 'Kiosks' },
    { id: G_FINANCE, displayName: 'Finance', description: 'Paris office' },
    { id: G_FINANCE_2, displayName: 'Finance', description: 'Lyon office' },
  ];
  tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
  tenant.addCollection(deviceCollection('PS100043', 'Workstations', 800));
  tenant.addCollection(deviceCollection('PS100044', 'Labs', 5), { enabled: false, synced: false });
  tenant.addCollection(deviceCollection('PS100045', 'Branch', 9), { enabled: true, synced: false });
  const intune = tenant.addPolicy({
    name: 'EDR - Windows',
    managedByAttachOps: true,
    draft: intuneDraft,
    assignments: [{ kind: 'group', groupId: G_PILOT }],
  });
  const configMgr = tenant.addPolicy({
    name: 'AV - Servers',
    managedByAttachOps: true,
    draft: configMgrDraft,
    assignments: [{ kind: 'collection', collectionId: 'PS100042' }],
  });
  return { tenant, intune, configMgr };
}

function plan(tenant: FakeTenant, policy: string, to: string[], exclude: string[] = []) {
  return createPolicyAssignPlanner(tenant.services()).plan({ policy, to, exclude });
}

describe('the policy-assign planner', () => {
  it('keeps the groups a policy has, adds the new ones and carries the final set', async () => {
    const { tenant, intune } = tenantWithPolicies();
    const planned = await plan(tenant, 'edr - windows', ['Kiosks', G_PILOT], [G_FINANCE]);
    expect(planned.changes).toEqual([
      { action: 'keep', subject: `Group Pilot (${G_PILOT})`, detail: 'stays assigned' },
      { action: 'add', subject: `Group Kiosks (${G_KIOSK})`, detail: 'newly assigned' },
      { action: 'add', subject: `Excluded group Finance (${G_FINANCE})`, detail: 'excluded from now on' },
    ]);
    expect(planned.steps).toEqual([
      {
        kind: 'policy-assign',
        title: 'Assign EDR - Windows',
        input: {
          policyId: intune.id,
          targets: [
            { kind: 'group', groupId: G_PILOT },
            { kind: 'group', groupId: G_KIOSK },
            { kind: 'exclude-group', groupId: G_FINANCE },
          ],
        },
      },
    ]);
    expect(planned.resources).toEqual([`policy:${intune.id}`]);
  });

  it('gives collections their member counts and finds the policy by id', async () => {
    const { tenant, configMgr } = tenantWithPolicies();
    const planned = await plan(tenant, configMgr.id, ['Workstations']);
    expect(planned.changes).toEqual([
      { action: 'keep', subject: 'Collection Servers (PS100042)', detail: 'stays assigned', devices: 120 },
      { action: 'add', subject: 'Collection Workstations (PS100043)', detail: 'newly assigned', devices: 800 },
    ]);
    expect(planned.steps[0]?.input.targets).toEqual([
      { kind: 'collection', collectionId: 'PS100042' },
      { kind: 'collection', collectionId: 'PS100043' },
    ]);
  });

  it('has no changes when every target is already assigned', async () => {
    const { tenant } = tenantWithPolicies();
    expect(hasChanges(await plan(tenant, 'AV - Servers', ['ps100042']))).toBe(false);
  });

  it('names a group that does not exist and lists the ones a name matches several times', async () => {
    const { tenant } = tenantWithPolicies();
    await expect(plan(tenant, 'EDR - Windows', ['Nobody'])).rejects.toThrow(
      '--to "Nobody": Azure AD has no group with this object id or exact display name.',
    );
    await expect(plan(tenant, 'EDR - Windows', ['Pilot'], ['Finance'])).rejects.toThrow(
      `--exclude "Finance": 2 groups have this name: ${G_FINANCE} (Paris office), ${G_FINANCE_2} (Lyon office).`,
    );
  });

  it('refuses a group both included and excluded', async () => {
    const { tenant } = tenantWithPolicies();
    await expect(plan(tenant, 'EDR - Windows', ['Kiosks'], ['Kiosks'])).rejects.toThrow(
      'both --to and --exclude name it',
    );
    await expect(plan(tenant, 'EDR - Windows', ['Kiosks'], ['Pilot'])).rejects.toThrow(
      `the policy already has it as Group Pilot (${G_PILOT})`,
    );
  });

  it('says which step a collection misses: enable when not enabled, or the sync', async () => {
    const { tenant } = tenantWithPolicies();
    await expect(plan(tenant, 'AV - Servers', ['Labs'])).rejects.toMatchObject({
      title: 'Collection not enabled for endpoint security',
      fix: 'Type enable PS100044 first; it guides the console step and waits until Intune lists the collection. Then assign again.',
    });
    await expect(plan(tenant, 'AV - Servers', ['PS100045'])).rejects.toMatchObject({
      title: 'Collection not synced to Intune',
    });
    await expect(plan(tenant, 'AV - Servers', ['Nowhere'])).rejects.toMatchObject({ title: 'Collection not found' });
  });

  it('refuses --exclude for a ConfigMgr policy', async () => {
    const { tenant } = tenantWithPolicies();
    await expect(plan(tenant, 'AV - Servers', ['Workstations'], ['Kiosks'])).rejects.toMatchObject({
      title: '--exclude is not supported for collections',
    });
  });

  it('lists policies that share a name, and refuses an unknown one', async () => {
    const { tenant, intune } = tenantWithPolicies();
    const twin = tenant.addPolicy({ name: 'EDR - Windows', kind: 'intune-edr' });
    const error = await plan(tenant, 'EDR - Windows', ['Kiosks']).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ title: '2 policies are named "EDR - Windows"' });
    expect((error as Error).message).toContain(intune.id);
    expect((error as Error).message).toContain(twin.id);
    await expect(plan(tenant, 'Nothing', ['Kiosks'])).rejects.toMatchObject({ title: 'Policy not found' });
  });
});

describe('the policy-assign step', () => {
  it('assigns the union: a target someone added after the plan is kept', async () => {
    const { tenant, intune } = tenantWithPolicies();
    const planned = await plan(tenant, 'EDR - Windows', ['Kiosks']);
    const stored = tenant.policies.get(intune.id);
    stored?.assignments.push({ kind: 'all-devices' });
    const handler = createPolicyAssignStep(tenant.services().policies);
    const outcome = await runStep(handler, planned.steps[0]?.input ?? {});
    expect(outcome).toMatchObject({ kind: 'done', outcome: { policyId: intune.id, assignments: 3, added: 1 } });
    expect(tenant.policies.get(intune.id)?.assignments).toEqual([
      { kind: 'group', groupId: G_PILOT },
      { kind: 'all-devices' },
      { kind: 'group', groupId: G_KIOSK },
    ]);
  });

  it('is done without assigning when the policy already has the final set', async () => {
    const { tenant, configMgr } = tenantWithPolicies();
    const handler = createPolicyAssignStep(tenant.services().policies);
    const input = { policyId: configMgr.id, targets: [{ kind: 'collection', collectionId: 'ps100042' }] };
    expect(await runStep(handler, input)).toMatchObject({ kind: 'done' });
    expect(tenant.count('policies.assign')).toBe(0);
  });

  it('fails with the reason when the policy was deleted', async () => {
    const { tenant, intune } = tenantWithPolicies();
    tenant.policies.delete(intune.id);
    const handler = createPolicyAssignStep(tenant.services().policies);
    const outcome = await runStep(handler, { policyId: intune.id, targets: [{ kind: 'group', groupId: G_KIOSK }] });
    expect(outcome).toMatchObject({ kind: 'failed', problem: { title: 'The policy is gone' } });
  });
});

describe('assignment filters in the assign plan (graph-intune.md §11.2)', () => {
  const WIN11 = 'f1f1f1f1-0000-4000-8000-000000000001';
  const asRead = {
    id: 'x_1',
    source: 'direct',
    sourceId: 'x',
    target: {
      '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
      collectionId: 'ps100042',
      deviceAndAppManagementAssignmentFilterId: WIN11,
      deviceAndAppManagementAssignmentFilterType: 'include',
      someFutureProperty: { kept: true },
    },
  };

  function filtered() {
    const { tenant } = tenantWithPolicies();
    const policy = tenant.addPolicy({
      name: 'AV - Filtered',
      managedByAttachOps: false,
      draft: configMgrDraft,
      assignments: [{ kind: 'collection', collectionId: 'PS100042', filter: { id: WIN11, mode: 'include' }, asRead }],
    });
    return { tenant, policy };
  }

  it('shows what stays with its filter name and mode, and carries the existing assignment exactly as read', async () => {
    const { tenant, policy } = filtered();
    const planned = await createPolicyAssignPlanner(tenant.services()).plan({
      policy: 'AV - Filtered',
      to: ['PS100043'],
      exclude: [],
      filter: 'windows 11 devices',
      filterMode: 'exclude',
    });
    expect(planned.changes).toEqual([
      expect.objectContaining({ action: 'keep', detail: 'stays assigned, filter Windows 11 devices (include)' }),
      expect.objectContaining({ action: 'add', detail: 'newly assigned, filter Windows 11 devices (exclude)' }),
    ]);
    const input = planned.steps[0]?.input as { targets: unknown[] };
    expect(input.targets[0]).toEqual({
      kind: 'collection',
      collectionId: 'PS100042',
      filter: { id: WIN11, mode: 'include' },
      asRead,
    });
    expect(input.targets[1]).toEqual({
      kind: 'collection',
      collectionId: 'PS100043',
      filter: { id: WIN11, mode: 'exclude' },
    });
    await runStep(
      createPolicyAssignStep(tenant.services().policies),
      planned.steps[0]?.input as Record<string, unknown>,
    );
    expect(tenant.policies.get(policy.id)?.assignments[0]).toMatchObject({ asRead });
  });

  it('names a missing filter with the ones there are, refuses a filter of another platform and a mode without a filter', async () => {
    const { tenant } = filtered();
    const planner = createPolicyAssignPlanner(tenant.services());
    const base = { policy: 'AV - Filtered', to: ['PS100043'], exclude: [] };
    await expect(planner.plan({ ...base, filter: 'Nope' })).rejects.toMatchObject({
      title: 'Assignment filter not found',
      fix: expect.stringContaining('"Windows 11 devices"'),
    });
    await expect(planner.plan({ ...base, filter: 'iOS corporate' })).rejects.toMatchObject({
      title: 'The filter is for another platform',
    });
    await expect(planner.plan({ ...base, filterMode: 'include' })).rejects.toMatchObject({
      title: '--filter-mode needs --filter',
    });
  });

  it('does not read filters when no target has one and none is asked for', async () => {
    const { tenant } = tenantWithPolicies();
    await plan(tenant, 'AV - Servers', ['PS100043']);
    expect(tenant.count('policies.listAssignmentFilters')).toBe(0);
  });
});
