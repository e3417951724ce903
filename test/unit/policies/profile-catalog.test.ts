import { describe, expect, it } from 'vitest';
import { renderPolicyBody } from '../../../adapters/graph/policy-body.js';
import { parsePolicySettings, policyReadSchema } from '../../../adapters/graph/policy-parse.js';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { policyCreateCommand } from '../../../bot/commands/policy-create.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { allowedValues, createIntentFromFlags, kebab } from '../../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../../core/policies/policy-create-planner.js';
import { parseCreateInput } from '../../../core/policies/policy-step-kinds.js';
import { profiles } from '../../../core/policy/catalog/index.js';
import {
  type FlagDefinition,
  flagsFor,
  type PolicyTarget,
  type ProfileDefinition,
  targetSpec,
} from '../../../core/policy/catalog/profile-definition.js';
import { UNCONFIRMED_PROFILE_FACTS } from '../../../core/policy/catalog/unconfirmed.js';
import { UserFacingError } from '../../../core/user-facing-error.js';
import { validatePolicyBody } from '../../../sandbox/graph/policy-validation.js';
import { checkAgainstType } from '../../../sandbox/schema/check-body.js';
import { FakeTenant } from './fakes.js';

const NEW_PROFILES = [
  'security-experience',
  'asr-rules',
  'web-protection',
  'exploit-protection',
  'firewall',
  'firewall-rules',
];

function sampleValue(flag: FlagDefinition, index: number): string {
  switch (flag.kind) {
    case 'toggle':
      return index % 2 === 0 ? 'on' : 'off';
    case 'choice': {
      const choices = flag.choices ?? [];
      return choices[index % choices.length] ?? '';
    }
    case 'list':
      return flag.key === 'ports' ? '443, 8443' : 'C:\\Temp, D:\\Build';
    case 'text':
      return flag.key === 'programPath' ? 'C:\\Program Files\\App\\app.exe' : `value ${index}`;
  }
}

/** Every flag of the profile and target set, with parents on so their children are sent. */
function everyFlag(profile: ProfileDefinition, target: PolicyTarget, offset = 0): Record<string, string> {
  return Object.fromEntries(
    flagsFor(profile, target).map((flag, index) => [
      flag.key,
      flag.parent
        ? sampleValue(flag, index + offset)
        : flag.kind === 'toggle'
          ? 'on'
          : sampleValue(flag, index + offset),
    ]),
  );
}

async function bodyOf(profile: ProfileDefinition, target: PolicyTarget, settings: Record<string, string>) {
  const tenant = new FakeTenant();
  const plan = await createPolicyCreatePlanner(tenant.services()).plan(
    createIntentFromFlags({ profile: profile.id, target, name: `${profile.id} ${target}`, ...settings }),
  );
  const { draft } = parseCreateInput(plan.steps[0]?.input);
  return { plan, draft, body: renderPolicyBody(draft, 'ref-1') };
}

const combinations = profiles.flatMap((profile) =>
  (['intune', 'configmgr'] as const)
    .filter((target) => targetSpec(profile, target))
    .map((target) => ({ profile, target })),
);

describe('the profile catalog', () => {
  it('offers the eight tenant-attach profiles, MDM where a template exists (web protection is ConfigMgr only)', () => {
    expect(profiles.map((profile) => profile.id)).toEqual(['edr', 'antivirus', ...NEW_PROFILES]);
    expect(profiles.filter((profile) => !profile.intune).map((profile) => profile.id)).toEqual(['web-protection']);
    expect(profiles.every((profile) => profile.configmgr)).toBe(true);
  });

  it.each(combinations)(
    '$profile.id for $target: every flag set passes the sandbox catalog and the schema, and reads back',
    async ({ profile, target }) => {
      for (const offset of [0, 1]) {
        const { draft, body } = await bodyOf(profile, target, everyFlag(profile, target, offset));
        expect(JSON.stringify(body)).not.toContain('templateFamily');
        expect(validatePolicyBody(JSON.parse(JSON.stringify(body)))).toBeUndefined();
        expect(checkAgainstType(JSON.parse(JSON.stringify(body)), 'deviceManagementConfigurationPolicy')).toEqual([]);
        const read = parsePolicySettings(policyReadSchema.parse({ id: 'p-1', ...body }));
        expect(read.draft?.settings).toEqual(draft.settings);
        expect(read.unmodelledSettingIds).toEqual([]);
      }
    },
  );

  it.each(combinations)(
    '$profile.id for $target: a body with no settings passes the sandbox',
    async ({ profile, target }) => {
      const { body } = await bodyOf(profile, target, {});
      expect(validatePolicyBody(JSON.parse(JSON.stringify(body)))).toBeUndefined();
    },
  );

  it('the sandbox refuses what its own catalog does not hold (it is not the product catalog)', async () => {
    const firewall = profiles.find((profile) => profile.id === 'firewall');
    if (!firewall) throw new Error('no firewall profile');
    const { body } = await bodyOf(firewall, 'configmgr', { domainFirewall: 'on', domainInbound: 'block' });
    const parsed = JSON.parse(JSON.stringify(body)) as { settings: { settingInstance: Record<string, unknown> }[] };
    const enable = parsed.settings[0]?.settingInstance;
    const child = (enable?.choiceSettingValue as { children: unknown[] }).children[0];
    // A dependent setting at the top level, not under the choice it depends on.
    expect(
      validatePolicyBody({
        ...parsed,
        settings: [{ '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting', settingInstance: child }],
      }),
    ).toMatch(/depends on/);
    expect(validatePolicyBody({ ...parsed, creationSource: 'NotAProfile' })).toMatch(
      /not a known Configuration Manager profile/,
    );
  });

  it('marks web protection, exploit protection and ConfigMgr firewall profiles as preview on the plan, and the firewall hotfix', async () => {
    for (const id of ['web-protection', 'exploit-protection', 'firewall', 'firewall-rules']) {
      const profile = profiles.find((candidate) => candidate.id === id);
      if (!profile) throw new Error(id);
      const { plan } = await bodyOf(profile, 'configmgr', {});
      expect(plan.changes.map((change) => change.subject)).toContain('Preview');
    }
    const firewall = profiles.find((candidate) => candidate.id === 'firewall');
    if (!firewall) throw new Error('firewall');
    const { plan } = await bodyOf(firewall, 'configmgr', {});
    expect(plan.changes.find((change) => change.subject === 'ConfigMgr hotfix')?.detail).toContain('KB4578605');
    const { plan: edr } = await bodyOf(profiles[0] as ProfileDefinition, 'configmgr', {});
    expect(edr.changes.map((change) => change.subject)).not.toContain('Preview');
  });

  it('lists every unconfirmed fact of every profile in one place', () => {
    for (const profile of profiles) {
      for (const fact of profile.unconfirmed)
        expect(UNCONFIRMED_PROFILE_FACTS).toContainEqual({ profile: profile.id, fact });
    }
    expect(UNCONFIRMED_PROFILE_FACTS.length).toBe(
      profiles.reduce((sum, profile) => sum + profile.unconfirmed.length, 0),
    );
    for (const id of NEW_PROFILES) expect(UNCONFIRMED_PROFILE_FACTS.some((fact) => fact.profile === id)).toBe(true);
  });
});

describe('an invalid value for each flag', () => {
  const valued = profiles.flatMap((profile) =>
    profile.flags.filter((flag) => flag.kind === 'toggle' || flag.kind === 'choice').map((flag) => ({ profile, flag })),
  );

  it.each(valued)('--$flag.key of $profile.id is named with the allowed values', ({ profile, flag }) => {
    const target = flag.targets?.[0] ?? (profile.configmgr ? 'configmgr' : 'intune');
    const bound = bindArguments(
      policyCreateCommand,
      tokenize(`${profile.id} --target ${target} --name X --${kebab(flag.key)} bogus`),
    );
    expect(bound.ok).toBe(false);
    if (bound.ok) return;
    const problem = bound.problems.find((candidate) => candidate.argument === `--${kebab(flag.key)}`);
    for (const allowed of allowedValues(flag).split('|')) expect(problem?.problem).toContain(allowed);

    let refusal: unknown;
    try {
      createIntentFromFlags({ profile: profile.id, target, name: 'X', [flag.key]: 'bogus' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(UserFacingError);
    const message = (refusal as UserFacingError).message;
    expect(message).toContain(`--${kebab(flag.key)} does not take "bogus"`);
    for (const allowed of allowedValues(flag).split('|')) expect(message).toContain(allowed);
  });

  it('refuses a profile for a target it does not exist for, and a flag of another profile', () => {
    expect(() => createIntentFromFlags({ profile: 'web-protection', target: 'intune', name: 'X' })).toThrow(
      /Microsoft has no Web protection profile for Azure AD groups/,
    );
    expect(() =>
      createIntentFromFlags({ profile: 'firewall', target: 'configmgr', name: 'X', tamperProtection: 'on' }),
    ).toThrow(/--tamper-protection is a Windows Security experience setting; a Firewall policy does not have it/);
  });
});
