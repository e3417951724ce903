import { z } from 'zod';
import { defineCommand } from '../context/command-context.js';
import { approvalListCard } from '../replies/approval-list-card.js';

export const approvalsCommand = defineCommand({
  name: 'approvals',
  summary: 'Shows the change requests waiting for your decision, and the ones you asked for.',
  usage: 'approvals',
  examples: ['approvals'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'reader',
  run: (_args, { services, actor }) => approvalListCard(services, actor),
});
