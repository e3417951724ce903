import { describe, expect, it } from 'vitest';
import { renderPolicyBody } from '../../../adapters/graph/policy-body.js';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { checkCommand } from '../../../bot/commands/check.js';
import { helpCommand } from '../../../bot/commands/help.js';
import { commands } from '../../../bot/commands/index.js';
import { kebab } from '../../../core/policies/create-flags.js';
import { createIntentFromFlags } from '../../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../../core/policies/policy-create-planner.js';
import { parseCreateInput } from '../../../core/policies/policy-step-kinds.js';
import { profileNamesText, profiles } from '../../../core/policy/catalog/index.js';
import { toWelcomeView } from '../../../cards/views/welcome-view.js';
import { policyCreateCommand } from '../../../bot/commands/policy-create.js';
import { type ProfileDefinition, targetSpec } from '../../../core/policy/catalog/profile-definition.js';
import { validatePolicyBody } from '../../../sandbox/graph/policy-validation.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { FakeClock } from '../../support/fake-clock.js';
import { readText, treeSources } from '../../docs/doc-tree.js';
import { ALEX, NOW, readyWorld } from '../prerequisites/fake-world.js';
import { createFakeTenant } from '../prerequisites/fakes.js';
import { FakeTenant } from './fakes.js';

/**
 * CONTRIBUTING.md "Add a profile": one catalog file (registered in `profiles`) and its sandbox entry are all a profile
 * needs. For every registered profile this shows it in help, check, the plan and the body, accepted by the sandbox; and
 * that no code outside the catalog names a profile added after EDR and Antivirus, so nothing else needs an edit.
 */
const LEGACY = new Set(['edr', 'antivirus']);

function context() {
  const services = testAppServices({
    clock: new FakeClock(NOW.getTime()),
    tenant: createFakeTenant(readyWorld()).services,
  });
  return testCommandContext({ services, actor: { ...ALEX, channelUserId: '29:alex' }, commands });
}

async function planAndBody(profile: ProfileDefinition) {
  const target = targetSpec(profile, 'configmgr') ? 'configmgr' : 'intune';
  const first = profile.flags.find((flag) => flag.targets === undefined || flag.targets.includes(target));
  const value = first?.kind === 'toggle' ? 'on' : first?.kind === 'choice' ? (first.choices?.[0] ?? '') : 'x';
  const plan = await createPolicyCreatePlanner(new FakeTenant().services()).plan(
    createIntentFromFlags({ profile: profile.id, target, name: 'Added', ...(first ? { [first.key]: value } : {}) }),
  );
  const { draft } = parseCreateInput(plan.steps[0]?.input);
  return { plan, body: renderPolicyBody(draft), first };
}

describe('a profile added as CONTRIBUTING.md says', () => {
  it.each(profiles.map((profile) => ({ profile })))(
    '$profile.id appears in help, check, plan and body',
    async ({ profile }) => {
      const help = bindArguments(helpCommand, ['policy', 'create', profile.id]);
      if (!help.ok) throw new Error('help did not bind');
      const helpCard = JSON.stringify(await helpCommand.run(help.args as never, context()));
      for (const flag of profile.flags) expect(helpCard).toContain(`--${kebab(flag.key)}`);

      const check = bindArguments(checkCommand, [profile.id]);
      expect(check.ok).toBe(true);
      const checkCard = JSON.stringify(await checkCommand.run({ profile: profile.id }, context()));
      expect(checkCard).toContain(`${profile.short} policy prerequisites`);

      const { plan, body, first } = await planAndBody(profile);
      expect(plan.title).toContain(profile.title);
      if (first) {
        expect(plan.changes.map((change) => change.subject)).toContain(first.label);
        expect(JSON.stringify(body)).toContain(first.graph.definitionId);
      }
      expect(validatePolicyBody(JSON.parse(JSON.stringify(body)))).toBeUndefined();
    },
  );

  it('needs its sandbox entry: a body of a profile the sandbox does not know is refused (synthetic case)', async () => {
    const firewall = profiles.find((profile) => profile.id === 'firewall');
    if (!firewall) throw new Error('firewall');
    const { body } = await planAndBody(firewall);
    expect(validatePolicyBody({ ...body, creationSource: 'SomeNewProfile' })).toMatch(
      /not a known Configuration Manager profile/,
    );
  });

  it('every text that lists the profiles lists each one from the catalog, and none speaks of EDR and Antivirus only', () => {
    const welcome = JSON.stringify(toWelcomeView('personal'));
    for (const profile of profiles) {
      expect(welcome).toContain(profile.short);
      expect(policyCreateCommand.usage).toContain(profile.id);
    }
    expect(profileNamesText('or', profiles.slice(0, 3))).toBe(
      `${profiles[0]?.short}, ${profiles[1]?.short} or ${profiles[2]?.short}`,
    );
    // `check all` is EDR and Antivirus by design (what onboarding prepares); every other text is profile-neutral.
    const byDesign = /`all` \(EDR and Antivirus|EDR and Antivirus as before|all: 'EDR and Antivirus policy'/;
    const onlyTwo = /EDR (?:or|and|\/) ?(?:AV|Antivirus)\b/;
    const named = treeSources(['bot', 'cards', 'core'])
      .filter((file) => !file.startsWith('core/policy/catalog/'))
      .flatMap((file) =>
        readText(file)
          .split('\n')
          .filter((line) => onlyTwo.test(line) && !byDesign.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(named).toEqual([]);
    for (const command of commands) expect(`${command.summary} ${command.usage}`).not.toMatch(onlyTwo);
  });

  it('no code outside the catalog names a profile added after EDR and Antivirus', () => {
    const added = profiles.filter((profile) => !LEGACY.has(profile.id)).map((profile) => profile.id);
    expect(added.length).toBeGreaterThan(0);
    const named = treeSources(['bot', 'cards', 'adapters', 'core'])
      .filter((file) => !file.startsWith('core/policy/catalog/'))
      .flatMap((file) => added.filter((id) => readText(file).includes(`'${id}'`)).map((id) => `${file}: '${id}'`));
    expect(named).toEqual([]);
    // The check can fail: the catalog files themselves name their ids.
    expect(readText('core/policy/catalog/firewall.ts')).toContain(`'firewall'`);
  });
});
