import { z } from 'zod';
import { collectionsCard, MAX_COLLECTIONS_PAGE } from '../commands/collections.js';
import { defineVerb } from './verb.js';

export const collectionsPageVerb = defineVerb({
  verb: 'collections.page',
  button: "the collections list's page buttons",
  role: 'reader',
  data: z.object({
    page: z.number().int().min(1).max(MAX_COLLECTIONS_PAGE),
    filter: z.string().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
  }),
  async run({ page, filter, enabled }, context) {
    return collectionsCard(context, { ...(filter ? { filter } : {}), enabledOnly: enabled ?? false, page });
  },
});
