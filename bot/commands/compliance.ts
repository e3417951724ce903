import { z } from 'zod';
import {
  complianceCardContext,
  MAX_COMPLIANCE_PAGE,
  summaryCard,
  policyComplianceCard,
} from '../compliance/compliance-cards.js';
import { defineCommand } from '../context/command-context.js';

export const complianceCommand = defineCommand({
  name: 'compliance',
  summary:
    'Shows how many devices comply with each AttachOps endpoint security policy, worst first, and what changed since the last summary here.',
  usage: 'compliance [<policy>] [--page <n>]',
  examples: ['compliance', 'compliance "EDR - Windows"', 'compliance --page 2'],
  positionals: ['policy'],
  args: z.object({
    policy: z.string().trim().min(1).max(256).optional(),
    page: z.coerce.number().int().min(1).max(MAX_COMPLIANCE_PAGE).optional(),
  }),
  changesTenant: false,
  role: 'reader',
  async run({ policy, page }, { services, conversation, log }) {
    const context = complianceCardContext(services, conversation.id, log);
    if (policy !== undefined) return policyComplianceCard(context, policy);
    return summaryCard(context, { page: page ?? 1, samePost: false });
  },
});
