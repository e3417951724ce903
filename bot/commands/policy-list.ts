import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toPolicyListView } from '../../cards/views/policy-list-view.js';
import { listPolicies } from '../../core/policies/policy-listing.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const policyListCommand = defineCommand({
  name: 'policy list',
  summary: 'Lists the policies AttachOps made, or with --all every endpoint security policy.',
  usage: 'policy list [--all] [--filter <text>] [--page <n>]',
  examples: ['policy list', 'policy list --all', 'policy list --all --filter Servers --page 2'],
  positionals: [],
  args: z.object({
    all: z.boolean().optional(),
    filter: z.string().trim().min(1).max(100).optional(),
    page: z.coerce.number().int().min(1).max(1000).optional(),
  }),
  changesTenant: false,
  role: 'reader',
  async run({ all, filter, page }, { services }) {
    const listing = await listPolicies(requireTenant(services).policies, {
      all: all ?? false,
      ...(filter ? { filter } : {}),
      page: page ?? 1,
    });
    return renderCard('policy-list', toPolicyListView(listing));
  },
});
