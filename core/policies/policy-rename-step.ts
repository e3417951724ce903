import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { parseRenameInput, POLICY_STEP_KINDS } from './policy-step-kinds.js';

/**
 * Renames the policy. Done once the policy carries the new name: a rename whose answer was lost is settled by reading
 * the tenant (context.write), and a repeat finds the name and sends nothing.
 */
export function createPolicyRenameStep(policies: EndpointSecurityPolicies): StepHandler {
  return defineStepKind({
    kind: POLICY_STEP_KINDS.rename,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const { policyId, to } = parseRenameInput(step.input);
      const policy = await policies.get(policyId);
      if (policy?.name !== to) return { done: false };
      return { done: true, message: `policy ${policyId} is named ${to}`, outcome: { policyId, name: to } };
    },
    async perform(step, context): Promise<StepOutcome> {
      const { policyId, from, to } = parseRenameInput(step.input);
      if (!(await policies.get(policyId))) {
        return {
          kind: 'failed',
          problem: {
            title: 'The policy is gone',
            message: `Policy ${from} (${policyId}) no longer exists, so it cannot be renamed.`,
            fix: 'Type policy list --all to see the policies there are.',
          },
        };
      }
      await policies.rename(policyId, to, context.write);
      return {
        kind: 'done',
        message: `Renamed policy ${from} to ${to} (${policyId})`,
        outcome: { policyId, name: to },
      };
    },
  });
}
