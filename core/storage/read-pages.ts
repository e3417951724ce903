import type { Storage, StoredItem } from '../ports/storage.js';

const PAGE = 1_000;

/**
 * Every item under a prefix read page after page (`Storage.page`): for sets bounded by configuration rather than
 * history (subscriptions, drift baselines), one request per thousand small items on blob storage instead of one per item.
 */
export async function readPages(storage: Storage, prefix: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let continuation: string | undefined;
  do {
    const page = await storage.page(prefix, { limit: PAGE, continuation });
    items.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return items;
}
