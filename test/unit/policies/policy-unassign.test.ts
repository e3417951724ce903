import { describe, expect, it } from 'vitest';
import { createPolicyUnassignPlanner } from '../../../core/policies/policy-unassign-planner.js';
import { createPolicyUnassignStep } from '../../../core/policies/policy-unassign-step.js';
import type { AssignmentTarget } from '../../../core/policy/assignment-target.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { deviceCollection, FakeTenant } from './fakes.js';
import { check, runStep } from './step-context.js';

const FILTER = 'f1f1f1f1-0000-4000-8000-000000000001';
const draft: PolicyDraft = {
  kind: 'configmgr-firewall',
  profile: 'firewall',
  target: 'configmgr',
  name: 'Firewall - Servers',
  description: '',
  settings: { domainFirewall: true },
};
/** As the service returned them: a filter on one, a property this bot does not model on the other. */
const SERVERS: AssignmentTarget = {
  kind: 'collection',
  collectionId: 'PS100042',
  filter: { id: FILTER, mode: 'include' },
  asRead: { target: { collectionId: 'PS100042', deviceAndAppManagementAssignmentFilterType: 'include' }, x: 1 },
};
const WORKSTATIONS: AssignmentTarget = { kind: 'collection', collectionId: 'PS100043', asRead: { source: 'direct' } };
const LABS: AssignmentTarget = { kind: 'collection', collectionId: 'PS100044' };

function tenantWithPolicy() {
  const tenant = new FakeTenant();
  tenant.addCollection(deviceCollection('PS100042', 'Servers', 120));
  tenant.addCollection(deviceCollection('PS100043', 'Workstations', 800));
  tenant.addCollection(deviceCollection('PS100044', 'Labs', 5));
  const policy = tenant.addPolicy({
    name: 'Firewall - Servers',
    managedByAttachOps: true,
    draft,
    assignments: [SERVERS, WORKSTATIONS, LABS],
  });
  return { tenant, policy };
}

describe('unassign', () => {
  it('plans what goes and what stays, filters included, and the devices losing the policy', async () => {
    const { tenant, policy } = tenantWithPolicy();
    const plan = await createPolicyUnassignPlanner(tenant.services()).plan({
      policy: 'Firewall - Servers',
      from: ['Workstations', 'ps100044'],
    });
    expect(plan.title).toBe('Unassign "Firewall - Servers" (2 removed, 1 stays)');
    expect(plan.changes).toEqual([
      { action: 'remove', subject: 'Collection Workstations (PS100043)', detail: 'no longer assigned', devices: 800 },
      { action: 'remove', subject: 'Collection Labs (PS100044)', detail: 'no longer assigned', devices: 5 },
      {
        action: 'keep',
        subject: 'Collection Servers (PS100042)',
        detail: expect.stringMatching(/^stays exactly as it is, .*Windows 11 devices/) as unknown as string,
        devices: 120,
      },
      expect.objectContaining({
        subject: 'Devices losing the policy',
        detail: expect.stringMatching(/^805 /) as unknown as string,
      }),
    ]);
    expect(plan.steps).toEqual([
      {
        kind: 'policy-unassign',
        title: 'Unassign Firewall - Servers',
        input: { policyId: policy.id, remove: [WORKSTATIONS, LABS] },
      },
    ]);
  });

  it('refuses a target the policy does not have, naming what it has', async () => {
    const { tenant } = tenantWithPolicy();
    const refused = createPolicyUnassignPlanner(tenant.services()).plan({
      policy: 'Firewall - Servers',
      from: ['PS100099'],
    });
    await expect(refused).rejects.toSatisfy(isUserFacingError);
    await expect(refused).rejects.toThrow(/not assigned to "PS100099".*Collection Servers \(PS100042\)/);
  });

  it('writes once, sending every other assignment exactly as read; a repeat finds it done and writes nothing', async () => {
    const { tenant, policy } = tenantWithPolicy();
    // Someone adds a target after the plan: it is kept.
    const input = { policyId: policy.id, remove: [WORKSTATIONS] };
    expect(await check(createPolicyUnassignStep(tenant.services().policies), input)).toEqual({ done: false });
    const later: AssignmentTarget = { kind: 'collection', collectionId: 'PS100045', asRead: { added: 'later' } };
    tenant.policies.get(policy.id)?.assignments.push(later);
    const outcome = await runStep(createPolicyUnassignStep(tenant.services().policies), input);
    expect(outcome.kind).toBe('done');
    expect(tenant.count('policies.assign')).toBe(1);
    expect(tenant.policies.get(policy.id)?.assignments).toEqual([SERVERS, LABS, later]);
    const again = await runStep(createPolicyUnassignStep(tenant.services().policies), input);
    expect(again.kind).toBe('done');
    expect(tenant.count('policies.assign')).toBe(1);
  });
});
