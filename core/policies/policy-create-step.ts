import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import type { StepHandler, StepOutcome, WorldCheck } from '../runs/step-handler.js';
import { sameDraft } from './draft-diff.js';
import { findOwnPolicy } from './own-policy.js';
import { parseCreateInput, POLICY_STEP_KINDS } from './policy-step-kinds.js';

/**
 * Creates the policy, or replaces the settings of the one AttachOps made under that name. The policy is found by
 * name plus the managed marker, so a step retried after a crash finds the policy the first attempt created. A name
 * someone else took in the meantime throws, and the run engine shows that as the step's problem.
 */
export function createPolicyCreateStep(policies: EndpointSecurityPolicies): StepHandler {
  return {
    kind: POLICY_STEP_KINDS.create,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const { draft, requestKey } = parseCreateInput(step.input);
      const own = await findOwnPolicy(policies, draft.name, draft.kind);
      if (!own?.draft || !sameDraft(own.draft, draft)) return { done: false };
      return {
        done: true,
        message: `policy ${draft.name} (${own.id}) has the requested settings`,
        outcome: { policyId: own.id, requestKey },
      };
    },
    async perform(step): Promise<StepOutcome> {
      const { draft, requestKey } = parseCreateInput(step.input);
      const own = await findOwnPolicy(policies, draft.name, draft.kind);
      if (own) {
        await policies.replace(own.id, draft);
        return {
          kind: 'done',
          message: `Updated the settings of policy ${draft.name} (${own.id})`,
          outcome: { policyId: own.id, requestKey, replaced: true },
        };
      }
      const created = await policies.create(draft);
      return {
        kind: 'done',
        message: `Created policy ${draft.name} (${created.id})`,
        outcome: { policyId: created.id, requestKey },
      };
    },
  };
}
