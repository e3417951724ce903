import { describe, expect, it } from 'vitest';
import { policyRenameCommand } from '../../../bot/commands/policy-rename.js';
import { createPolicyRenamePlanner } from '../../../core/policies/policy-rename-planner.js';
import { createPolicyRenameStep } from '../../../core/policies/policy-rename-step.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { deviceCollection, FakeTenant } from './fakes.js';
import { check, runStep } from './step-context.js';

const draft: PolicyDraft = {
  kind: 'configmgr-firewall',
  profile: 'firewall',
  target: 'configmgr',
  name: 'Firewall - Servers',
  description: '',
  settings: {},
};

function tenantWith(managed: boolean) {
  const tenant = new FakeTenant();
  tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
  const policy = tenant.addPolicy({
    name: draft.name,
    managedByAttachOps: managed,
    draft,
    assignments: [{ kind: 'collection', collectionId: 'PS100042' }],
  });
  return { tenant, policy };
}

const plan = (tenant: FakeTenant, intent: Record<string, unknown>) =>
  createPolicyRenamePlanner(tenant.services()).plan({ policy: 'Firewall - Servers', ...intent });

describe('policy rename', () => {
  it('plans one rename step: old -> new, settings and assignments untouched', async () => {
    const { tenant, policy } = tenantWith(true);
    const planned = await plan(tenant, { name: 'Firewall - Datacenter' });
    expect(planned.title).toBe('Rename policy "Firewall - Servers" to "Firewall - Datacenter"');
    expect(planned.changes).toEqual([
      {
        action: 'update',
        subject: 'Name',
        detail:
          'Firewall - Servers -> Firewall - Datacenter (Windows Firewall (ConfigMgr, collections); settings and assignments stay)',
      },
    ]);
    expect(planned.steps).toEqual([
      {
        kind: 'policy-rename',
        title: 'Rename policy Firewall - Servers to Firewall - Datacenter',
        input: { policyId: policy.id, from: 'Firewall - Servers', to: 'Firewall - Datacenter' },
      },
    ]);
    expect(planned.resources).toEqual([`policy:${policy.id}`, 'policy-name:firewall - datacenter']);
    expect(tenant.count('policies.rename')).toBe(0);
  });

  it.each([
    ['an AttachOps policy', true, /managed by AttachOps/],
    ['a portal policy', false, /made outside AttachOps/],
  ])('refuses a name %s already has (ignoring case), naming it', async (_label, managed, owner) => {
    const { tenant } = tenantWith(true);
    tenant.addPolicy({ name: 'EDR - Workstations', managedByAttachOps: managed });
    await expect(plan(tenant, { name: '  edr - WORKSTATIONS ' })).rejects.toMatchObject({
      title: 'Another policy is already named "EDR - Workstations"',
      message: expect.stringMatching(owner) as unknown,
    });
  });

  it('refuses the name it already has, and allows a change of case only', async () => {
    const { tenant } = tenantWith(true);
    await expect(plan(tenant, { name: 'Firewall - Servers' })).rejects.toThrow(/already named/);
    await expect(plan(tenant, { name: 'FIREWALL - Servers' })).resolves.toMatchObject({ kind: 'policy-rename' });
  });

  it('is refused for a policy made outside AttachOps unless --force', async () => {
    const { tenant } = tenantWith(false);
    await expect(plan(tenant, { name: 'Firewall - DC' })).rejects.toThrow(/made outside AttachOps/);
    await expect(plan(tenant, { name: 'Firewall - DC', force: true })).resolves.toMatchObject({
      kind: 'policy-rename',
    });
  });

  it('renames once; a repeat finds the new name and sends nothing', async () => {
    const { tenant, policy } = tenantWith(true);
    const input = { policyId: policy.id, from: policy.name, to: 'Firewall - DC' };
    const step = createPolicyRenameStep(tenant.services().policies);
    expect(await check(step, input)).toEqual({ done: false });
    expect((await runStep(step, input)).kind).toBe('done');
    expect(tenant.policies.get(policy.id)).toMatchObject({
      name: 'Firewall - DC',
      assignments: [{ kind: 'collection', collectionId: 'PS100042' }],
      draft,
    });
    const calls = tenant.calls.length;
    expect(await check(step, input)).toMatchObject({ done: true });
    expect(tenant.calls.slice(calls)).toEqual(['policies.get']);
    expect(tenant.count('policies.rename')).toBe(1);
  });

  it('fails with a problem when the policy was deleted after approval', async () => {
    const { tenant, policy } = tenantWith(true);
    tenant.policies.delete(policy.id);
    const outcome = await runStep(createPolicyRenameStep(tenant.services().policies), {
      policyId: policy.id,
      from: policy.name,
      to: 'Firewall - DC',
    });
    expect(outcome).toMatchObject({ kind: 'failed', problem: { title: 'The policy is gone' } });
    expect(tenant.count('policies.rename')).toBe(0);
  });

  it('--force needs the admin role', async () => {
    const { tenant } = tenantWith(false);
    const services = testAppServices({ tenant: tenant.services() });
    const actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
    const operator = testCommandContext({ services, actor, roles: ['reader', 'operator'] });
    await expect(
      policyRenameCommand.run({ policy: 'Firewall - Servers', name: 'X', force: true }, operator),
    ).rejects.toThrow(/Renaming a policy made outside AttachOps is for AttachOps admins/);
    expect(tenant.calls).toEqual([]);
  });
});
