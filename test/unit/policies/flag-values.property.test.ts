import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { policyCreateCommand } from '../../../bot/commands/policy-create.js';
import { policySetCommand } from '../../../bot/commands/policy-set.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { allowedValues, createIntentFromFlags, kebab } from '../../../core/policies/create-flags.js';
import { policySetIntent } from '../../../core/policies/policy-set-intent.js';
import { profiles } from '../../../core/policy/catalog/index.js';
import type { FlagDefinition, PolicyTarget } from '../../../core/policy/catalog/profile-definition.js';
import { UserFacingError } from '../../../core/user-facing-error.js';
import { FakeTenant } from './fakes.js';

const RUNS = 25 * Number(process.env.PROPERTY_RUNS_FACTOR ?? 1);

/** Every flag of every profile, with a target that has it: generated from the catalog, so an added profile is in. */
const everyFlag = profiles.flatMap((profile) =>
  profile.flags.map((flag) => ({
    profile,
    flag,
    target: (flag.targets?.[0] ?? (profile.configmgr ? 'configmgr' : 'intune')) as PolicyTarget,
  })),
);

/** Values the flag does not take: anything outside on/off or the choices; for lists and texts, nothing but blanks. */
function invalidValues(flag: FlagDefinition): fc.Arbitrary<string> {
  const word = fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/);
  switch (flag.kind) {
    case 'toggle':
      return word.filter((value) => value !== 'on' && value !== 'off');
    case 'choice':
      return word.filter((value) => !(flag.choices ?? []).includes(value));
    case 'list':
      return fc.constantFrom(',', ' , ', ',,');
    case 'text':
      return fc.constantFrom(' ', '   ');
  }
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    return (error as UserFacingError).message;
  }
  throw new Error('the value was accepted');
}

describe('an invalid value for each flag of each profile gets a named error with the allowed values', () => {
  it.each(everyFlag.map((entry) => ({ ...entry, id: `${entry.profile.id} --${kebab(entry.flag.key)}` })))(
    '$id (policy create and policy set, core and binding)',
    async ({ profile, flag, target }) => {
      const tenant = new FakeTenant();
      tenant.addPolicy({
        name: 'Set me',
        managedByAttachOps: true,
        draft: {
          kind: `${target}-${profile.id}`,
          profile: profile.id,
          target,
          name: 'Set me',
          description: '',
          settings: {},
        },
      });
      const option = `--${kebab(flag.key)}`;
      const allowed = allowedValues(flag).split('|');
      await fc.assert(
        fc.asyncProperty(invalidValues(flag), async (value) => {
          const created = refusal(() =>
            createIntentFromFlags({ profile: profile.id, target, name: 'X', [flag.key]: value }),
          );
          expect(created).toContain(`${option} does not take "${value}"`);
          for (const each of allowed) expect(created).toContain(each);

          const set = await policySetIntent(tenant.services().policies, 'Set me', { [flag.key]: value }).then(
            () => 'accepted',
            (error: unknown) => (error instanceof UserFacingError ? error.message : String(error)),
          );
          expect(set).toContain(`${option} does not take "${value}"`);
          for (const each of allowed) expect(set).toContain(each);

          if (flag.kind === 'toggle' || flag.kind === 'choice') {
            for (const [command, words] of [
              [policyCreateCommand, `${profile.id} --target ${target} --name X ${option} ${value}`],
              [policySetCommand, `"Set me" ${option} ${value}`],
            ] as const) {
              const bound = bindArguments(command, tokenize(words));
              expect(bound.ok).toBe(false);
              if (bound.ok) return;
              const problem = bound.problems.find((candidate) => candidate.argument === option)?.problem ?? '';
              for (const each of allowed) expect(problem).toContain(each);
            }
          }
        }),
        { numRuns: RUNS, seed: 25 },
      );
    },
  );
});
