/** One page of a long list. `cursor` is opaque: hand it back unchanged to get the next page. */
export interface CursorPage<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly cursor?: string;
  /** A hint; the service may return fewer. */
  readonly pageSize?: number;
}
