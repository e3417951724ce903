import { z } from 'zod';
import { defineCommand } from '../context/command-context.js';

export const cancelCommand = defineCommand({
  name: 'cancel',
  summary: 'Withdraws a change request of yours that is still waiting for approval.',
  usage: 'cancel <request>',
  examples: ['cancel a-7k2m9q'],
  positionals: ['request'],
  args: z.object({
    request: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^a-[a-z0-9]{4,20}$/, 'must be a request id such as a-7k2m9q (type approvals to list yours)'),
  }),
  changesTenant: false,
  role: 'operator',
  async run({ request }, { services, actor, approvalCards }) {
    return approvalCards.cardFor(await services.approvals.cancel(request, actor), actor);
  },
});
