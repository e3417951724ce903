import { z } from 'zod';
import { complianceCardContext, policyComplianceCard } from '../compliance/compliance-cards.js';
import { defineVerb } from './verb.js';

/**
 * The summary's per-policy drill-in. The card sends only the policy id; policyComplianceCard looks it up again among
 * the AttachOps-managed policies, so a forged id opens nothing else.
 */
export const compliancePolicyVerb = defineVerb({
  verb: 'compliance.policy',
  button: 'the Open this policy button',
  data: z.object({ policyId: z.string().min(1).max(100) }).strict(),
  role: 'reader',
  answersBeside: { note: 'Opening the policy below the summary…' },
  async run({ policyId }, { services, conversation, log }) {
    const context = complianceCardContext(services, conversation.id, log);
    return policyComplianceCard(context, policyId);
  },
});
