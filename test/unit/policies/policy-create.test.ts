import { describe, expect, it } from 'vitest';
import { hasChanges, planHash } from '../../../core/approvals/change-plan.js';
import { createIntentFromFlags, type PolicyCreateFlags } from '../../../core/policies/create-flags.js';
import { PolicyNameTakenError } from '../../../core/policies/own-policy.js';
import { createPolicyCreatePlanner } from '../../../core/policies/policy-create-planner.js';
import { createPolicyCreateStep } from '../../../core/policies/policy-create-step.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { FakeTenant, HOTFIX_INSTALLED, SITE_2002, SITE_2203 } from './fakes.js';
import { check, perform, runStep } from './step-context.js';

const EDR_FLAGS: PolicyCreateFlags = {
  profile: 'edr',
  target: 'intune',
  name: 'EDR - Windows',
  sampleSharing: 'all',
  telemetry: 'normal',
};

function plan(tenant: FakeTenant, flags: PolicyCreateFlags = EDR_FLAGS) {
  return createPolicyCreatePlanner(tenant.services()).plan(createIntentFromFlags(flags));
}

function intuneEdr(
  settings: PolicyDraft['settings'],
  extra: { name?: string; description?: string; scopeTagIds?: string[] } = {},
): PolicyDraft {
  return {
    kind: 'intune-edr',
    profile: 'edr',
    target: 'intune',
    name: extra.name ?? 'EDR - Windows',
    description: extra.description ?? '',
    scopeTagIds: extra.scopeTagIds ?? [],
    settings,
  };
}

describe('the policy-create planner', () => {
  it('plans a create with one line per setting and a create step', async () => {
    const tenant = new FakeTenant();
    const created = await plan(tenant);
    expect(created.changes.map((change) => [change.action, change.subject, change.detail])).toEqual([
      ['create', 'EDR - Windows', 'Endpoint detection and response (MDM, Azure AD groups)'],
      ['create', 'Scope tags', 'Default (0)'],
      ['create', 'Onboarding package', 'from the Defender for Endpoint connector'],
      ['create', 'Sample sharing', 'all'],
      ['create', 'Telemetry reporting frequency (deprecated)', 'normal'],
    ]);
    expect(created.steps).toHaveLength(1);
    expect(created.steps[0]?.kind).toBe('policy-create');
    expect(created.steps[0]?.input).toMatchObject({
      draft: {
        kind: 'intune-edr',
        name: 'EDR - Windows',
        scopeTagIds: [],
        settings: { sampleSharing: 'all', telemetry: 'normal' },
      },
    });
    expect(created.resources).toEqual(['policy-name:edr - windows']);
    expect(planHash(await plan(tenant))).toBe(planHash(created));
  });

  it('is a no-op when AttachOps already made an identical policy', async () => {
    const tenant = new FakeTenant();
    const existing = tenant.addPolicy({
      name: 'EDR - Windows',
      managedByAttachOps: true,
      draft: intuneEdr({ sampleSharing: 'all', telemetry: 'normal' }, { scopeTagIds: ['0'] }),
    });
    const same = await plan(tenant);
    expect(same.changes.map((change) => change.action)).toEqual(['no-op', 'no-op', 'no-op']);
    expect(same.changes[0]?.detail).toContain(existing.id);
    expect(hasChanges(same)).toBe(false);
    expect(same.title).toBe('Keep policy "EDR - Windows" (Endpoint detection and response (MDM, Azure AD groups))');
  });

  it('plans an update with the settings that change, go and stay, keeping the description left out', async () => {
    const tenant = new FakeTenant();
    const existing = tenant.addPolicy({
      name: 'EDR - Windows',
      description: 'Pilot',
      managedByAttachOps: true,
      draft: intuneEdr({ sampleSharing: 'none', telemetry: 'normal' }, { description: 'Pilot' }),
      unmodelledSettingIds: ['device_vendor_msft_other'],
    });
    const updated = await plan(tenant, {
      profile: 'edr',
      target: 'intune',
      name: 'EDR - Windows',
      sampleSharing: 'all',
      scopeTags: 'Paris',
    });
    expect(updated.changes.map((change) => [change.action, change.subject, change.detail])).toEqual([
      ['update', 'EDR - Windows', `replaces every setting of the policy AttachOps made (${existing.id})`],
      ['update', 'Scope tags', 'Default (0) → Paris (7)'],
      ['update', 'Sample sharing', 'none → all'],
      ['remove', 'Telemetry reporting frequency (deprecated)', 'normal → not configured'],
      ['remove', 'Setting device_vendor_msft_other', 'configured outside AttachOps; replacing the settings removes it'],
    ]);
    expect(updated.steps[0]?.input).toMatchObject({ draft: { description: 'Pilot', scopeTagIds: ['7'] } });
    expect(updated.resources).toContain(`policy:${existing.id}`);
  });

  it('refuses a name another policy has, offering policy show', async () => {
    const tenant = new FakeTenant();
    tenant.addPolicy({ name: 'edr - windows', kind: 'intune-edr', managedByAttachOps: false });
    const error = await plan(tenant).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyNameTakenError);
    expect((error as PolicyNameTakenError).fix).toBe(
      'Type policy show "edr - windows" to see it, or choose another --name.',
    );
  });

  it('refuses a name an AttachOps policy of another profile has', async () => {
    const tenant = new FakeTenant();
    tenant.addPolicy({ name: 'EDR - Windows', kind: 'intune-antivirus', managedByAttachOps: true });
    await expect(plan(tenant)).rejects.toThrow(
      /Microsoft Defender Antivirus \(MDM, Azure AD groups\)\) is made by AttachOps/,
    );
  });

  it('resolves scope tags by name or id and names the tenant tags for an unknown one', async () => {
    const tenant = new FakeTenant();
    const tagged = await plan(tenant, { ...EDR_FLAGS, scopeTags: 'paris,0' });
    expect(tagged.steps[0]?.input).toMatchObject({ draft: { scopeTagIds: ['7', '0'] } });
    await expect(plan(tenant, { ...EDR_FLAGS, scopeTags: 'Lyon' })).rejects.toThrow(
      'The tenant has no scope tag named or with the id "Lyon". Its scope tags are: Default (id 0), Paris (id 7).',
    );
  });

  it('refuses EDR for ConfigMgr on 2002 without KB4563473, and allows it once installed', async () => {
    const tenant = new FakeTenant();
    tenant.site = SITE_2002;
    const flags: PolicyCreateFlags = {
      profile: 'edr',
      target: 'configmgr',
      name: 'EDR - Servers',
      sampleSharing: 'all',
    };
    await expect(plan(tenant, flags)).rejects.toThrow(/EDR policy on 2002 needs KB4563473/);
    tenant.updates = [HOTFIX_INSTALLED];
    const allowed = await plan(tenant, flags);
    expect(allowed.changes[0]).toMatchObject({
      action: 'create',
      detail: 'Endpoint detection and response (ConfigMgr, collections)',
    });
    expect(tenant.count('policies.listScopeTags')).toBe(0);
  });

  it('refuses Antivirus for ConfigMgr below 2006 and when the site cannot be read', async () => {
    const tenant = new FakeTenant();
    tenant.site = { ...SITE_2203, buildNumber: 8968 };
    const flags: PolicyCreateFlags = {
      profile: 'antivirus',
      target: 'configmgr',
      name: 'AV',
      realTimeMonitoring: 'on',
    };
    await expect(plan(tenant, flags)).rejects.toThrow(
      'Site PS1 runs current branch 2002 (build 8968); Antivirus policy needs current branch 2006 (build 9012) or later.',
    );
    tenant.siteUnreachable = true;
    await expect(plan(tenant, flags)).rejects.toMatchObject({ title: 'Cannot check the ConfigMgr site version' });
  });
});

describe('the policy-create step', () => {
  const draft = intuneEdr({ sampleSharing: 'all' });
  const input = { draft, requestKey: 'pc-1' };

  it('creates once; a step retried after a crash finds the first policy and creates nothing', async () => {
    const tenant = new FakeTenant();
    tenant.crashAfterNextCreate = true;
    const handler = createPolicyCreateStep(tenant.services().policies);
    expect(await check(handler, input)).toEqual({ done: false });
    await expect(perform(handler, input)).rejects.toThrow('connection reset');
    const retried = await runStep(handler, input);
    expect(retried).toMatchObject({
      kind: 'done',
      outcome: { policyId: [...tenant.policies.keys()][0], requestKey: 'pc-1' },
    });
    expect(tenant.count('policies.create')).toBe(1);
    expect(tenant.policies.size).toBe(1);
  });

  it('replaces the settings of its own policy instead of creating a second one', async () => {
    const tenant = new FakeTenant();
    const existing = tenant.addPolicy({
      name: 'EDR - Windows',
      managedByAttachOps: true,
      draft: intuneEdr({ sampleSharing: 'none' }),
    });
    const handler = createPolicyCreateStep(tenant.services().policies);
    expect(await runStep(handler, input)).toMatchObject({
      kind: 'done',
      outcome: { policyId: existing.id, replaced: true },
    });
    expect(tenant.policies.get(existing.id)?.draft?.settings).toEqual({ sampleSharing: 'all' });
    expect(await check(handler, input)).toMatchObject({ done: true, outcome: { policyId: existing.id } });
    expect(tenant.count('policies.create')).toBe(0);
  });

  it('fails rather than create a duplicate when someone took the name meanwhile', async () => {
    const tenant = new FakeTenant();
    tenant.addPolicy({ name: 'EDR - Windows', kind: 'intune-edr', managedByAttachOps: false });
    const handler = createPolicyCreateStep(tenant.services().policies);
    await expect(runStep(handler, input)).rejects.toBeInstanceOf(PolicyNameTakenError);
    expect(tenant.count('policies.create')).toBe(0);
  });
});
