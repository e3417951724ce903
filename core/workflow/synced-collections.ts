import type { IntuneCollections, SyncedCollection } from '../ports/intune-collections.js';
import { sameCollectionId } from './upload-scope.js';

/** Graph pages configManagerCollections at up to 100 rows; ten pages bound one read to ten calls. */
export const SYNCED_PAGE_SIZE = 100;
export const MAX_SYNCED_PAGES = 10;

export interface SyncedRead {
  readonly items: readonly SyncedCollection[];
  /** False when the page limit stopped the read before the end of the list. */
  readonly complete: boolean;
}

/** Pages through Intune's synced collections until `enough` says stop, the list ends, or the page limit is reached. */
export async function readSyncedCollections(
  intune: IntuneCollections,
  enough: (items: readonly SyncedCollection[]) => boolean = () => false,
  maxPages = MAX_SYNCED_PAGES,
): Promise<SyncedRead> {
  const items: SyncedCollection[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await intune.listSyncedCollections({
      pageSize: SYNCED_PAGE_SIZE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    items.push(...result.items);
    cursor = result.cursor;
    if (cursor === undefined) return { items, complete: true };
    if (enough(items)) return { items, complete: false };
  }
  return { items, complete: false };
}

export async function findSyncedCollection(
  intune: IntuneCollections,
  collectionId: string,
): Promise<SyncedCollection | undefined> {
  const matches = (item: SyncedCollection): boolean => sameCollectionId(item.collectionId, collectionId);
  const read = await readSyncedCollections(intune, (items) => items.some(matches), MAX_FIND_PAGES);
  return read.items.find(matches);
}

/** Looking for one collection may read further than a listing: 50 pages of 100. */
const MAX_FIND_PAGES = 50;
