import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { policySetCommand } from '../../../bot/commands/policy-set.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { createPolicyCreatePlanner } from '../../../core/policies/policy-create-planner.js';
import { createPolicyCreateStep } from '../../../core/policies/policy-create-step.js';
import { policySetIntent } from '../../../core/policies/policy-set-intent.js';
import type { PolicyDraft } from '../../../core/policy/policy-draft.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { FakeTenant } from './fakes.js';
import { runStep } from './step-context.js';

const firewall: PolicyDraft = {
  kind: 'configmgr-firewall',
  profile: 'firewall',
  target: 'configmgr',
  name: 'Firewall - Servers',
  description: 'servers',
  settings: { domainFirewall: true, domainInbound: 'block', publicFirewall: true },
};

function tenantWith(managed: boolean) {
  const tenant = new FakeTenant();
  const policy = tenant.addPolicy({ name: firewall.name, managedByAttachOps: managed, draft: firewall });
  return { tenant, policy };
}

describe('policy set', () => {
  it('plans old -> new for the named settings, keeps the others and the description, and replaces once', async () => {
    const { tenant, policy } = tenantWith(true);
    const intent = await policySetIntent(tenant.services().policies, 'Firewall - Servers', {
      domainInbound: 'allow',
      publicInbound: 'block',
    });
    const plan = await createPolicyCreatePlanner(tenant.services()).plan(intent);
    expect(plan.title).toContain('Update policy "Firewall - Servers"');
    expect(plan.changes).toEqual(
      expect.arrayContaining([
        { action: 'update', subject: 'Domain network: default inbound action', detail: 'block → allow' },
        { action: 'update', subject: 'Public network: default inbound action', detail: 'not configured → block' },
        { action: 'no-op', subject: 'Domain network: firewall', detail: 'on (unchanged)' },
      ]),
    );
    expect(plan.changes.some((change) => change.subject === 'Description')).toBe(false);
    const outcome = await runStep(createPolicyCreateStep(tenant.services().policies), plan.steps[0]?.input ?? {});
    expect(outcome.kind).toBe('done');
    expect(tenant.policies.get(policy.id)?.draft?.settings).toEqual({
      domainFirewall: true,
      domainInbound: 'allow',
      publicFirewall: true,
      publicInbound: 'block',
    });
    expect(tenant.policies.get(policy.id)?.draft?.description).toBe('servers');
    expect(tenant.policies.size).toBe(1);
  });

  it('refuses a policy AttachOps did not make, a setting of another profile, and no setting at all', async () => {
    const { tenant } = tenantWith(false);
    await expect(
      policySetIntent(tenant.services().policies, 'Firewall - Servers', { domainInbound: 'allow' }),
    ).rejects.toThrow(/made outside AttachOps/);
    const own = tenantWith(true).tenant.services().policies;
    await expect(policySetIntent(own, 'Firewall - Servers', { tamperProtection: 'on' })).rejects.toSatisfy(
      isUserFacingError,
    );
    await expect(policySetIntent(own, 'Firewall - Servers', {})).rejects.toThrow(/one or more settings/);
  });

  it('binds any catalog setting with its allowed values', () => {
    expect(bindArguments(policySetCommand, tokenize('"Firewall - Servers" --domain-inbound allow'))).toEqual({
      ok: true,
      args: { policy: 'Firewall - Servers', domainInbound: 'allow' },
    });
    const wrong = bindArguments(policySetCommand, tokenize('"Firewall - Servers" --domain-inbound maybe'));
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).toContain('allow');
  });
});
