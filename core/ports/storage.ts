export interface StoredItem {
  readonly key: string;
  readonly value: unknown;
  readonly eTag: string;
}

export interface PutOptions {
  /** Write only if the stored eTag equals this one (compare-and-swap). */
  readonly ifMatch?: string;
  /** Write only if the key does not exist yet. */
  readonly ifNoneMatch?: '*';
}

/** One page of a listing: at most `limit` items, after where `continuation` (from the page before) left off. */
export interface PageRequest {
  readonly limit: number;
  readonly continuation?: string;
}

export interface StoredPage {
  readonly items: StoredItem[];
  /** Where the next page starts; absent on the last page. A page may hold fewer than `limit` items and still go on. */
  readonly continuation?: string;
}

export interface DeleteOptions {
  readonly ifMatch?: string;
}

/**
 * Key-value storage with optimistic concurrency. Values are JSON; callers parse what they read.
 * Small enough to be backed by a file, a blob container or a table.
 */
export interface Storage {
  get(key: string): Promise<StoredItem | undefined>;
  /** Returns the new eTag; throws ETagConflictError when a condition does not hold. */
  put(key: string, value: unknown, options?: PutOptions): Promise<string>;
  /** Returns whether something was deleted; throws ETagConflictError when ifMatch does not hold. */
  delete(key: string, options?: DeleteOptions): Promise<boolean>;
  /** Every item whose key starts with the prefix, ordered by key. */
  list(prefix: string): Promise<StoredItem[]>;
  /** The keys that start with the prefix, ordered, without reading their values (one listing for blob storage). */
  keys(prefix: string): Promise<string[]>;
  /**
   * One page of the items under the prefix, in listing order (`compareListingKeys`: keys made of letters, digits, `-`
   * and `_` after the prefix come in plain key order, so an index key such as an inverted time lists newest first).
   * Each key comes once over the pages. Blob storage: one listing request per page, values of small items riding in it.
   */
  page(prefix: string, request: PageRequest): Promise<StoredPage>;
  /** Waits for writes in flight; called on shutdown. */
  flush(): Promise<void>;
}

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`the stored value of "${key}" changed since it was read`);
    this.name = 'ETagConflictError';
  }
}

export function isETagConflict(error: unknown): error is ETagConflictError {
  return error instanceof ETagConflictError;
}

const LITERAL = /^[A-Za-z0-9_-]$/;

/**
 * The order pages list keys in, the order of the blob names (adapters/blob/blob-name.ts): code unit by code unit,
 * letters, digits, `-` and `_` by their code, every other character after all of them, by its code.
 */
export function compareListingKeys(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = listingRank(left, index) - listingRank(right, index);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function listingRank(key: string, index: number): number {
  const code = key.charCodeAt(index);
  return LITERAL.test(key.charAt(index)) ? code : 0x10000 + code;
}
