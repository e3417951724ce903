import type { DeleteOptions, PageRequest, PutOptions, Storage, StoredItem } from '../../core/ports/storage.js';
import { assertConditionsHold } from './check-conditions.js';
import { compareKeys } from './compare-keys.js';
import { pageOfKeys } from './page-of-keys.js';

interface MemoryRecord {
  readonly value: unknown;
  readonly eTag: string;
}

/** Storage for tests: values are copied on the way in and out, so callers never share state with the store. */
export function createMemoryStorage(): Storage {
  const records = new Map<string, MemoryRecord>();
  let eTagCounter = 0;

  const itemOf = (key: string, record: MemoryRecord): StoredItem => ({
    key,
    value: structuredClone(record.value),
    eTag: record.eTag,
  });

  return {
    async get(key: string) {
      const record = records.get(key);
      return record === undefined ? undefined : itemOf(key, record);
    },
    async put(key: string, value: unknown, options?: PutOptions) {
      assertConditionsHold(key, records.get(key)?.eTag, options);
      const copy = structuredClone(value);
      eTagCounter += 1;
      const eTag = `m${eTagCounter}`;
      records.set(key, { value: copy, eTag });
      return eTag;
    },
    async delete(key: string, options?: DeleteOptions) {
      assertConditionsHold(key, records.get(key)?.eTag, options);
      return records.delete(key);
    },
    async list(prefix: string) {
      return [...records.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([left], [right]) => compareKeys(left, right))
        .map(([key, record]) => itemOf(key, record));
    },
    async keys(prefix: string) {
      return [...records.keys()].filter((key) => key.startsWith(prefix)).sort(compareKeys);
    },
    async page(prefix: string, request: PageRequest) {
      const page = pageOfKeys(
        [...records.keys()].filter((key) => key.startsWith(prefix)),
        request,
      );
      const items = page.keys.flatMap((key) => {
        const record = records.get(key);
        return record === undefined ? [] : [itemOf(key, record)];
      });
      return page.continuation === undefined ? { items } : { items, continuation: page.continuation };
    },
    async flush() {},
  };
}
