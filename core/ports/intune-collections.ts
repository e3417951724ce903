import type { CursorPage, PageRequest } from './cursor-page.js';

/** A ConfigMgr collection synced to Intune through tenant attach. */
export interface SyncedCollection {
  /** Intune's key for the row. */
  readonly id: string;
  /** The ConfigMgr CollectionID (`collectionIdentifier`), e.g. "PS100042". */
  readonly collectionId: string;
  readonly displayName: string;
  readonly hierarchy: { readonly id?: string; readonly name?: string };
  readonly lastModified?: Date;
}

export interface PolicyDeviceCounts {
  readonly targeted: number;
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly failed: number;
  readonly pending: number;
  readonly enforced: number;
}

export type PolicySummaryOutcome =
  | { readonly policyId: string; readonly ok: true; readonly counts: PolicyDeviceCounts }
  | { readonly policyId: string; readonly ok: false; readonly error: Error };

export interface IntuneCollections {
  listSyncedCollections(page?: PageRequest): Promise<CursorPage<SyncedCollection>>;
  /** The synced rows of just these ConfigMgr collection ids (absent: not synced), read together, not one per id. */
  findSyncedCollections(collectionIds: readonly string[]): Promise<readonly SyncedCollection[]>;
  /** One outcome per distinct policy id, in the order asked; a failure of one id does not fail the others. */
  getPolicySummaries(policyIds: readonly string[]): Promise<readonly PolicySummaryOutcome[]>;
}
