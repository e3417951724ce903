import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toCollectionsView } from '../../cards/views/collections-view.js';
import { type CollectionListingQuery, listCollectionPage } from '../../core/workflow/collection-listing.js';
import { type CommandContext, defineCommand } from './command.js';
import { requireTenant } from './require-tenant.js';

/** 10,000 collections are 500 pages of 20. */
export const MAX_COLLECTIONS_PAGE = 1000;

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

/**
 * The card for one page; the collections.page button rebuilds it from the same query. Enable buttons appear only for
 * a caller holding the operator role (a reader's card has none; the collections.enable verb checks again).
 */
export async function collectionsCard(
  context: Pick<CommandContext, 'services' | 'access'>,
  query: CollectionListingQuery,
): Promise<AdaptiveCard> {
  const listing = await listCollectionPage(requireTenant(context.services), query);
  return renderCard('collections', toCollectionsView(listing, { callerMayEnable: context.access.may('operator') }));
}
