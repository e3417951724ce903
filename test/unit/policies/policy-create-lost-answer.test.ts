import { describe, expect, it } from 'vitest';
import { createPolicyCreateStep } from '../../../core/policies/policy-create-step.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { FakeTenant } from './fakes.js';
import { check, runStep } from './step-context.js';

const draft: PolicyDraft = {
  kind: 'intune-edr',
  profile: 'edr',
  target: 'intune',
  name: 'EDR - Windows',
  description: '',
  scopeTagIds: [],
  settings: { sampleSharing: 'all' },
};
const input = { draft, requestKey: 'pc-1' };
/** test/unit/policies/step-context.ts runs step s3 of run r-1. */
const REF = 'r-1.s3';

describe('the policy-create step after a lost answer', () => {
  it('recognises the policy it created by its write ref, though renamed in the portal and its name now taken', async () => {
    const tenant = new FakeTenant();
    const ours = tenant.addPolicy({ name: 'Renamed by Megan', managedByAttachOps: true, draft, writeRef: REF });
    tenant.addPolicy({ name: 'EDR - Windows', managedByAttachOps: false });
    const handler = createPolicyCreateStep(tenant.services().policies);
    expect(await check(handler, input)).toMatchObject({ done: true, outcome: { policyId: ours.id } });
    expect(tenant.count('policies.create')).toBe(0);
  });

  it('does not take another AttachOps policy of the same name for its own: that one carries another ref', async () => {
    const tenant = new FakeTenant();
    tenant.addPolicy({
      name: 'EDR - Windows',
      managedByAttachOps: true,
      draft: { ...draft, settings: { sampleSharing: 'none' } },
      writeRef: 'r-0.s3',
    });
    const handler = createPolicyCreateStep(tenant.services().policies);
    expect(await check(handler, input)).toEqual({ done: false });
  });

  it('tags what it creates with its ref, so a second run of the step finds it and creates nothing', async () => {
    const tenant = new FakeTenant();
    const handler = createPolicyCreateStep(tenant.services().policies);
    await runStep(handler, input);
    const [created] = [...tenant.policies.values()];
    expect(created?.writeRef).toBe(REF);
    created!.name = 'Renamed meanwhile';
    expect(await runStep(handler, input)).toMatchObject({ kind: 'done', outcome: { policyId: created?.id } });
    expect(tenant.count('policies.create')).toBe(1);
  });
});
