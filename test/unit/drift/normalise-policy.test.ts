import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePolicy } from '../../../core/drift/normalise-policy.js';
import { policyDrift } from '../../../core/drift/policy-drift.js';
import { type Wire, type WirePolicy, wirePolicy } from './policy-wire-arbitraries.js';
import { EXPECTED_DRIFT, applyEdit, neutralRewrite, noisePlan, realEdit } from './policy-rewrites.js';

const RUNS = 300 * Number(process.env.PROPERTY_RUNS_FACTOR ?? 1);
const normalised = (p: WirePolicy) => normalisePolicy(p.policy, p.assignments);
const driftBetween = (approved: WirePolicy, now: WirePolicy | undefined) =>
  policyDrift(normalised(approved), now === undefined ? undefined : normalised(now));

describe('drift normalisation', () => {
  it('finds no drift after any semantically neutral rewrite', () => {
    fc.assert(
      fc.property(wirePolicy, fc.array(noisePlan, { minLength: 1, maxLength: 3 }), (policy, plans) => {
        const rewritten = plans.reduce(neutralRewrite, policy);
        expect(driftBetween(policy, rewritten)).toEqual([]);
      }),
      { seed: 26, numRuns: RUNS },
    );
  });

  it('finds exactly one drift, of the right kind, for every real edit, with noise around it', () => {
    fc.assert(
      fc.property(wirePolicy, realEdit, noisePlan, noisePlan, (policy, edit, before, after) => {
        const needsTarget = edit.kind === 'target-removed' || edit.kind === 'filter-changed';
        fc.pre(!needsTarget || policy.assignments.length > 0);
        fc.pre(
          edit.kind !== 'target-added' ||
            !policy.assignments.some((row) => String((row.target as Wire).groupId).toLowerCase() === edit.groupId),
        );
        const edited = applyEdit(neutralRewrite(policy, before), edit);
        const now = edited === undefined ? undefined : neutralRewrite(edited, after);
        const drift = driftBetween(policy, now);
        expect(drift.map((item) => item.kind)).toEqual([EXPECTED_DRIFT[edit.kind]]);
      }),
      { seed: 26, numRuns: RUNS },
    );
  });

  it('sees a changed setting value, and nothing in an unchanged policy', () => {
    const policy = fc.sample(wirePolicy, { seed: 3, numRuns: 1 })[0] as WirePolicy;
    const edited = applyEdit(policy, { kind: 'setting-value', index: 0 }) as WirePolicy;
    expect(driftBetween(policy, edited)).toHaveLength(1);
    expect(driftBetween(policy, policy)).toEqual([]);
  });

  it('compares assignment filters: no filter, a `none` filter and a null filter id are one; include and exclude differ', () => {
    const base = (target: Wire): WirePolicy => ({
      policy: { name: 'P', settings: [] },
      assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g', ...target } }],
    });
    const none = base({});
    expect(driftBetween(none, base({ deviceAndAppManagementAssignmentFilterType: 'none' }))).toEqual([]);
    expect(
      driftBetween(
        none,
        base({ deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'include' }),
      ),
    ).toEqual([]);
    const include = base({
      deviceAndAppManagementAssignmentFilterId: 'f',
      deviceAndAppManagementAssignmentFilterType: 'include',
    });
    const exclude = base({
      deviceAndAppManagementAssignmentFilterId: 'f',
      deviceAndAppManagementAssignmentFilterType: 'exclude',
    });
    expect(driftBetween(include, exclude)).toEqual([
      { kind: 'filter-changed', key: 'groupassignmenttarget:g', approved: 'include:f', now: 'exclude:f' },
    ]);
  });
});
