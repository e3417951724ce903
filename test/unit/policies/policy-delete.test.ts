import { describe, expect, it } from 'vitest';
import { createPolicyDeletePlanner } from '../../../core/policies/policy-delete-planner.js';
import { createPolicyDeleteStep } from '../../../core/policies/policy-delete-step.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { policyDeleteCommand } from '../../../bot/commands/policy-delete.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { deviceCollection, FakeTenant } from './fakes.js';
import { check, runStep } from './step-context.js';

const draft: PolicyDraft = {
  kind: 'configmgr-asr-rules',
  profile: 'asr-rules',
  target: 'configmgr',
  name: 'ASR - Servers',
  description: '',
  settings: { blockEmailExecutables: 'audit' },
};

function tenantWith(managed: boolean, assigned: boolean) {
  const tenant = new FakeTenant();
  tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
  const policy = tenant.addPolicy({
    name: draft.name,
    managedByAttachOps: managed,
    draft,
    assignments: assigned ? [{ kind: 'collection', collectionId: 'PS100042' }] : [],
  });
  return { tenant, policy };
}

const plan = (tenant: FakeTenant, intent: Record<string, unknown>) =>
  createPolicyDeletePlanner(tenant.services()).plan({ policy: 'ASR - Servers', ...intent });

describe('policy delete', () => {
  it('is refused while assigned unless --unassign, and then shows the assignments and devices that go', async () => {
    const { tenant, policy } = tenantWith(true, true);
    await expect(plan(tenant, {})).rejects.toThrow(/assigned to Collection Servers \(PS100042\)/);
    const planned = await plan(tenant, { unassign: true });
    expect(planned.title).toBe('Delete policy "ASR - Servers" and its 1 assignments');
    expect(planned.changes).toEqual([
      {
        action: 'remove',
        subject: 'ASR - Servers',
        detail: 'Attack surface reduction rules (ConfigMgr, collections): deleted',
      },
      {
        action: 'remove',
        subject: 'Collection Servers (PS100042)',
        detail: 'no longer assigned (goes with the policy)',
        devices: 120,
      },
      { action: 'remove', subject: 'Devices affected', detail: '120' },
    ]);
    expect(planned.steps).toEqual([
      {
        kind: 'policy-delete',
        title: 'Delete policy ASR - Servers',
        input: { policyId: policy.id, name: 'ASR - Servers' },
      },
    ]);
  });

  it('is refused for a policy made outside AttachOps unless --force', async () => {
    const { tenant } = tenantWith(false, false);
    await expect(plan(tenant, {})).rejects.toThrow(/made outside AttachOps/);
    await expect(plan(tenant, { force: true })).resolves.toMatchObject({ kind: 'policy-delete' });
  });

  it('deletes once; a repeat finds it gone and sends nothing', async () => {
    const { tenant, policy } = tenantWith(true, false);
    const input = { policyId: policy.id, name: policy.name };
    expect(await check(createPolicyDeleteStep(tenant.services().policies), input)).toEqual({ done: false });
    expect((await runStep(createPolicyDeleteStep(tenant.services().policies), input)).kind).toBe('done');
    expect(tenant.policies.has(policy.id)).toBe(false);
    const calls = tenant.calls.length;
    expect(await check(createPolicyDeleteStep(tenant.services().policies), input)).toMatchObject({ done: true });
    expect(tenant.calls.slice(calls).filter((call) => call !== 'policies.get')).toEqual([]);
  });

  it('--force needs the admin role', async () => {
    const { tenant } = tenantWith(false, false);
    const services = testAppServices({ tenant: tenant.services() });
    const actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
    const operator = testCommandContext({ services, actor, roles: ['reader', 'operator'] });
    await expect(policyDeleteCommand.run({ policy: 'ASR - Servers', force: true }, operator)).rejects.toThrow(
      /Deleting a policy made outside AttachOps is for AttachOps admins/,
    );
    expect(tenant.calls).toEqual([]);
  });
});
