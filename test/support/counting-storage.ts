import type { Storage } from '../../core/ports/storage.js';

export type StorageRequestKind = 'get' | 'put' | 'delete' | 'list' | 'keys' | 'page';

/**
 * Every request made of a storage, counted by kind. `list` counts one request for the listing and one per item, as
 * blob storage downloads each; `keys` and `page` count one (one listing; a page's small values ride in it).
 */
export function countingStorage(storage: Storage): {
  storage: Storage;
  requests: () => number;
  byKind: () => Record<string, number>;
} {
  const counts = new Map<StorageRequestKind, number>();
  const count = (kind: StorageRequestKind, times = 1): void => void counts.set(kind, (counts.get(kind) ?? 0) + times);
  return {
    requests: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    byKind: () => Object.fromEntries(counts),
    storage: {
      get: (key) => (count('get'), storage.get(key)),
      put: (key, value, options) => (count('put'), storage.put(key, value, options)),
      delete: (key, options) => (count('delete'), storage.delete(key, options)),
      list: async (prefix) => {
        const items = await storage.list(prefix);
        count('list', 1 + items.length);
        return items;
      },
      keys: (prefix) => (count('keys'), storage.keys(prefix)),
      page: (prefix, request) => (count('page'), storage.page(prefix, request)),
      flush: () => storage.flush(),
    },
  };
}
