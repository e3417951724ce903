import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toApprovalListView } from '../../cards/views/approval-list-view.js';
import { defineCommand } from '../context/command-context.js';

export const approvalsCommand = defineCommand({
  name: 'approvals',
  summary: 'Shows the change requests waiting for your decision, and the ones you asked for.',
  usage: 'approvals',
  examples: ['approvals'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'reader',
  async run(_args, { services, actor }) {
    const [lists, isApprover] = await Promise.all([
      services.approvals.listFor(actor),
      services.approvals.isApprover(actor),
    ]);
    return renderCard('approval-list', toApprovalListView({ ...lists, isApprover, now: services.clock.now() }));
  },
});
