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
