import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toCollectionsView } from '../../cards/views/collections-view.js';
import { type CollectionListingQuery, listCollectionPage } from '../../core/workflow/collection-listing.js';
import type { CommandContext } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

/** 10,000 collections are 500 pages of 20. */
export const MAX_COLLECTIONS_PAGE = 1000;

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
