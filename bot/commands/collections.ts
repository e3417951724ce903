import { z } from 'zod';
import { defineCommand } from '../context/command-context.js';
import { collectionsCard, MAX_COLLECTIONS_PAGE } from '../replies/collections-card.js';

export const collectionsCommand = defineCommand({
  name: 'collections',
  summary: 'Lists device collections with member counts, upload scope, Intune sync and endpoint security state.',
  usage: 'collections [--filter <text>] [--enabled] [--page <n>]',
  examples: ['collections', 'collections --filter Win', 'collections --enabled', 'collections --page 2'],
  positionals: [],
  args: z.object({
    filter: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
    page: z.coerce.number().int().min(1).max(MAX_COLLECTIONS_PAGE).optional(),
  }),
  changesTenant: false,
  role: 'reader',
  async run({ filter, enabled, page }, context) {
    return collectionsCard(context, { ...(filter ? { filter } : {}), enabledOnly: enabled ?? false, page: page ?? 1 });
  },
});
