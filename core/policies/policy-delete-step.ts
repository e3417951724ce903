import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { parseDeleteInput, POLICY_STEP_KINDS } from './policy-step-kinds.js';

/**
 * Deletes the policy. Done once the policy is gone: a delete whose answer was lost is settled by reading the tenant
 * (context.write), and a repeat finds it gone and sends nothing.
 */
export function createPolicyDeleteStep(policies: EndpointSecurityPolicies): StepHandler {
  return defineStepKind({
    kind: POLICY_STEP_KINDS.delete,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const { policyId, name } = parseDeleteInput(step.input);
      if (await policies.get(policyId)) return { done: false };
      return { done: true, message: `policy ${name} (${policyId}) is gone`, outcome: { policyId } };
    },
    async perform(step, context): Promise<StepOutcome> {
      const { policyId, name } = parseDeleteInput(step.input);
      const deleted = await policies.delete(policyId, context.write);
      return {
        kind: 'done',
        message: deleted ? `Deleted policy ${name} (${policyId})` : `Policy ${name} (${policyId}) was already gone`,
        outcome: { policyId, deleted },
      };
    },
  });
}
