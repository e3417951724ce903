import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { sameDraft } from './draft-diff.js';
import { findOwnPolicy } from './own-policy.js';
import { findPolicyByWriteRef } from './policy-by-write-ref.js';
import { parseCreateInput, POLICY_STEP_KINDS } from './policy-step-kinds.js';

/**
 * Creates the policy, or replaces the settings of the one AttachOps made under that name. The policy this step
 * created is found first by the write ref in its marker, so a create whose answer was lost (timeout, reset, a crash
 * with the request in flight) is recognised even if someone renamed it meanwhile or another policy shares its
 * name; otherwise by name plus the managed marker. A name someone else took in the meantime throws, and the run
 * engine shows that as the step's problem.
 */
export function createPolicyCreateStep(policies: EndpointSecurityPolicies): StepHandler {
  return defineStepKind({
    kind: POLICY_STEP_KINDS.create,
    changesTenant: true,
    async check(step, context): Promise<WorldCheck> {
      const { draft, requestKey } = parseCreateInput(step.input);
      const created = await findPolicyByWriteRef(policies, context.write.ref);
      if (created) {
        return {
          done: true,
          message: `policy ${created.name} (${created.id}) was created by this step`,
          outcome: { policyId: created.id, requestKey },
        };
      }
      const own = await findOwnPolicy(policies, draft.name, draft.kind);
      if (!own?.draft || !sameDraft(own.draft, draft)) return { done: false };
      return {
        done: true,
        message: `policy ${draft.name} (${own.id}) has the requested settings`,
        outcome: { policyId: own.id, requestKey },
      };
    },
    async perform(step, context): Promise<StepOutcome> {
      const { draft, requestKey } = parseCreateInput(step.input);
      const own = await findOwnPolicy(policies, draft.name, draft.kind);
      if (own) {
        await policies.replace(own.id, draft, context.write);
        return {
          kind: 'done',
          message: `Updated the settings of policy ${draft.name} (${own.id})`,
          outcome: { policyId: own.id, requestKey, replaced: true },
        };
      }
      const created = await policies.create(draft, context.write);
      return {
        kind: 'done',
        message: `Created policy ${draft.name} (${created.id})`,
        outcome: { policyId: created.id, requestKey },
      };
    },
  });
}
