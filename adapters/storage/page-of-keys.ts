import { compareListingKeys, type PageRequest } from '../../core/ports/storage.js';

/**
 * The keys of one page, for stores that know every key at no cost (memory, a folder's names): listing order, after the
 * continuation, which is the last key of the page before.
 */
export function pageOfKeys(keys: readonly string[], request: PageRequest): { keys: string[]; continuation?: string } {
  const after = request.continuation;
  const ordered = [...keys]
    .filter((key) => after === undefined || compareListingKeys(key, after) > 0)
    .sort(compareListingKeys);
  const taken = ordered.slice(0, Math.max(1, request.limit));
  const last = taken.at(-1);
  return ordered.length > taken.length && last !== undefined ? { keys: taken, continuation: last } : { keys: taken };
}
