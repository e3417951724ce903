import { type AssignmentTarget, sameTarget } from '../policy/assignment-target.js';
import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { parseUnassignInput, POLICY_STEP_KINDS } from './policy-step-kinds.js';

/**
 * Takes the planned targets off the policy. Graph's assign replaces the whole set, so `perform` reads the current set
 * again and sends every other assignment back exactly as read (a target or filter someone added since the plan is
 * kept). Sending the same remainder twice leaves the same set, and a lost answer is settled by reading the tenant
 * (context.write), so nothing is removed twice or restored by a blind repeat.
 */
export function createPolicyUnassignStep(policies: EndpointSecurityPolicies): StepHandler {
  return defineStepKind({
    kind: POLICY_STEP_KINDS.unassign,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const { policyId, remove } = parseUnassignInput(step.input);
      const policy = await policies.get(policyId);
      if (!policy) return { done: false };
      if (still(policy.assignments, remove).length > 0) return { done: false };
      return {
        done: true,
        message: `${policy.name} has none of the ${remove.length} removed assignments`,
        outcome: { policyId, assignments: policy.assignments.length },
      };
    },
    async perform(step, context): Promise<StepOutcome> {
      const { policyId, remove } = parseUnassignInput(step.input);
      const policy = await policies.get(policyId);
      if (!policy) {
        return {
          kind: 'failed',
          problem: {
            title: 'The policy is gone',
            message: `Policy ${policyId} no longer exists, so it cannot be unassigned.`,
            fix: 'Type policy list to see the policies there are.',
          },
        };
      }
      const kept = policy.assignments.filter((target) => !remove.some((gone) => sameTarget(gone, target)));
      await policies.assign(policyId, kept, context.write);
      return {
        kind: 'done',
        message: `Unassigned ${policy.name}: ${policy.assignments.length - kept.length} removed, ${kept.length} kept`,
        outcome: { policyId, assignments: kept.length, removed: policy.assignments.length - kept.length },
      };
    },
  });
}

function still(current: readonly AssignmentTarget[], removed: readonly AssignmentTarget[]): AssignmentTarget[] {
  return removed.filter((target) => current.some((existing) => sameTarget(existing, target)));
}
