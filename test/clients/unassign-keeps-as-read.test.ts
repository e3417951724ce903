import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEndpointSecurityPolicies } from '../../adapters/graph/graph-endpoint-security-policies.js';
import { createIntentFromFlags } from '../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../core/policies/policy-create-planner.js';
import { createPolicyUnassignStep } from '../../core/policies/policy-unassign-step.js';
import { parseCreateInput } from '../../core/policies/policy-step-kinds.js';
import { profiles } from '../../core/policy/catalog/index.js';
import { targetSpec } from '../../core/policy/catalog/profile-definition.js';
import type { AssignmentTarget } from '../../core/policy/assignment-target.js';
import type { EndpointSecurityPolicies } from '../../core/ports/endpoint-security-policies.js';
import { ASSIGNMENT_FILTERS } from '../../sandbox/world/assignment-filters.js';
import { GROUP_IDS } from '../../sandbox/world/directory.js';
import { FakeTenant } from '../unit/policies/fakes.js';
import { runStep } from '../unit/policies/step-context.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

const RUNS = 12 * Number(process.env.PROPERTY_RUNS_FACTOR ?? 1);
const GROUPS = [GROUP_IDS.pilotDevices, GROUP_IDS.allWorkstations, GROUP_IDS.finance, GROUP_IDS.duplicateA];
const FILTERS = ASSIGNMENT_FILTERS.filter((filter) => filter.platform === 'windows10AndLater').map((f) => f.id);

/** A draft of the profile and target with its first flag set, as `policy create` makes it. */
async function draftOf(profileId: string, target: 'intune' | 'configmgr', name: string) {
  const profile = profiles.find((candidate) => candidate.id === profileId);
  const first = profile?.flags.find((flag) => flag.targets === undefined || flag.targets.includes(target));
  const value = first?.kind === 'toggle' ? 'on' : first?.kind === 'choice' ? (first.choices?.[0] ?? '') : 'x';
  const plan = await createPolicyCreatePlanner(new FakeTenant().services()).plan(
    createIntentFromFlags({ profile: profileId, target, name, ...(first ? { [first.key]: value } : {}) }),
  );
  return parseCreateInput(plan.steps[0]?.input).draft;
}

/** One include or exclude target per group or collection, with a filter on some include targets. */
const mdmTargets = fc
  .uniqueArray(
    fc.record({
      groupId: fc.constantFrom(...GROUPS),
      exclude: fc.boolean(),
      filter: fc.option(fc.record({ id: fc.constantFrom(...FILTERS), mode: fc.constantFrom('include', 'exclude') })),
    }),
    { minLength: 2, maxLength: GROUPS.length, selector: (target) => target.groupId },
  )
  .map((targets) =>
    targets.map(({ groupId, exclude, filter }): AssignmentTarget =>
      exclude
        ? { kind: 'exclude-group', groupId }
        : { kind: 'group', groupId, ...(filter ? { filter: filter as AssignmentTarget['filter'] } : {}) },
    ),
  );
const configMgrTargets = fc
  .tuple(
    fc.option(fc.record({ id: fc.constantFrom(...FILTERS), mode: fc.constantFrom('include', 'exclude') })),
    fc.option(fc.record({ id: fc.constantFrom(...FILTERS), mode: fc.constantFrom('include', 'exclude') })),
  )
  .map(([first, second]) =>
    (['PS100015', 'PS100042'] as const).map((collectionId, i): AssignmentTarget => {
      const filter = i === 0 ? first : second;
      return { kind: 'collection', collectionId, ...(filter ? { filter: filter as AssignmentTarget['filter'] } : {}) };
    }),
  );

/**
 * Issue 25: "unassign keeps every other assignment exactly as read (filters included)", for every profile of the
 * catalog and both targets, through the real Graph adapter against the sandbox: each kept assignment's stored target
 * (every property, the filter's id and type among them) is the same before and after, in the same order.
 */
describe('unassign keeps every other assignment exactly as read', () => {
  let upstream: SandboxUpstream;
  let policies: EndpointSecurityPolicies;
  beforeAll(async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    policies = createGraphEndpointSecurityPolicies(upstream.http);
  });
  afterAll(async () => {
    await upstream.close();
  });

  const rawTargets = async (policyId: string): Promise<string[]> =>
    (
      await upstream.http.getAll({
        operation: 'read raw assignments',
        path: `/deviceManagement/configurationPolicies/${policyId}/assignments`,
      })
    ).map((row) => JSON.stringify((row as { target: unknown }).target));

  const combinations = profiles.flatMap((profile) =>
    (['intune', 'configmgr'] as const)
      .filter((target) => targetSpec(profile, target))
      .map((target) => ({
        profile: profile.id,
        target,
      })),
  );
  let made = 0;

  it('for random assignment sets and removals of every profile and target', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...combinations).chain((combination) =>
          (combination.target === 'intune' ? mdmTargets : configMgrTargets).chain((targets) =>
            fc.record({
              combination: fc.constant(combination),
              targets: fc.constant(targets),
              remove: fc.subarray(
                targets.map((_, i) => i),
                { minLength: 1, maxLength: targets.length - 1 },
              ),
            }),
          ),
        ),
        async ({ combination, targets, remove }) => {
          made += 1;
          const draft = await draftOf(combination.profile, combination.target, `Unassign property ${made}`);
          const { id } = await policies.create(draft);
          await policies.assign(id, targets);
          const read = await policies.getAssignments(id);
          const before = await rawTargets(id);
          expect(before).toHaveLength(targets.length);
          const gone = new Set(remove);
          const outcome = await runStep(createPolicyUnassignStep(policies), {
            policyId: id,
            remove: read.filter((_, i) => gone.has(i)),
          });
          expect(outcome.kind).toBe('done');
          expect(await rawTargets(id)).toEqual(before.filter((_, i) => !gone.has(i)));
          await policies.delete(id);
        },
      ),
      { numRuns: RUNS, seed: 2025 },
    );
    expect(new Set(combinations.map((c) => c.profile)).size).toBe(profiles.length);
  }, 120_000);
});
