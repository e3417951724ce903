import { z } from 'zod';
import { collectionsCard, MAX_COLLECTIONS_PAGE } from '../replies/collections-card.js';
import { defineVerb } from './verb.js';

export const collectionsPageVerb = defineVerb({
  verb: 'collections.page',
  button: "the collections list's page buttons",
  role: 'reader',
  data: z.object({
    page: z.number().int().min(1).max(MAX_COLLECTIONS_PAGE),
    filter: z.string().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
    total: z.number().int().min(0).max(10_000_000).optional(),
  }),
  async run({ page, filter, enabled, total }, context) {
    return collectionsCard(context, {
      ...(total === undefined ? {} : { knownTotal: total }),
      ...(filter ? { filter } : {}),
      enabledOnly: enabled ?? false,
      page,
    });
  },
});
