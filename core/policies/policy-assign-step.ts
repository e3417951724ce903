import { type AssignmentTarget, sameTarget } from '../policy/assignment-target.js';
import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { parseAssignInput, POLICY_STEP_KINDS } from './policy-step-kinds.js';

/**
 * Makes the policy's assignments include the planned set. Graph's assign replaces the whole set, so `perform` reads
 * the current set again and sends the union: a target someone added since the plan is never dropped. Sending the
 * same union twice leaves the same set, and a lost answer is settled and read back first (unknown-outcome.ts), so
 * the set is never doubled nor a concurrent addition overwritten by a blind repeat.
 */
export function createPolicyAssignStep(policies: EndpointSecurityPolicies): StepHandler {
  return defineStepKind({
    kind: POLICY_STEP_KINDS.assign,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const { policyId, targets } = parseAssignInput(step.input);
      const policy = await policies.get(policyId);
      if (!policy || missingFrom(policy.assignments, targets).length > 0) return { done: false };
      return {
        done: true,
        message: `${policy.name} has all ${targets.length} planned assignments`,
        outcome: { policyId, assignments: policy.assignments.length },
      };
    },
    async perform(step, context): Promise<StepOutcome> {
      const { policyId, targets } = parseAssignInput(step.input);
      const policy = await policies.get(policyId);
      if (!policy) {
        return {
          kind: 'failed',
          problem: {
            title: 'The policy is gone',
            message: `Policy ${policyId} no longer exists, so it cannot be assigned.`,
            fix: 'Type policy list to see the policies there are, then assign again.',
          },
        };
      }
      const added = missingFrom(policy.assignments, targets);
      const union = [...policy.assignments, ...added];
      await policies.assign(policyId, union, context.write);
      return {
        kind: 'done',
        message: `Assigned ${policy.name}: ${added.length} added, ${union.length} in all`,
        outcome: { policyId, assignments: union.length, added: added.length },
      };
    },
  });
}

function missingFrom(current: readonly AssignmentTarget[], wanted: readonly AssignmentTarget[]): AssignmentTarget[] {
  return wanted.filter((target) => !current.some((existing) => sameTarget(existing, target)));
}
