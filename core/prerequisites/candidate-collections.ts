import type { TenantAttachState } from '../ports/configmgr-gateway.js';
import { failedFact, readFact, skippedFact, type Fact, type SyncedCollections } from './facts.js';

/** Cloud Sync is read for at most this many collections per check, to keep one check a handful of calls. */
export const MAX_COLLECTIONS_CHECKED = 20;

export const AFTER_TENANT_ATTACH = 'Checked after tenant attach is configured.';

/**
 * The collections the collection rules look at: the ones the user named, otherwise the upload-scope collection and
 * the collections Intune already lists. Nothing before tenant attach: the Cloud Sync option cannot be set until then.
 */
export function candidateCollections(
  targets: readonly string[],
  tenantAttach: Fact<TenantAttachState>,
  synced: Fact<SyncedCollections>,
): Fact<readonly string[]> {
  if (tenantAttach.status !== 'read')
    return skippedFact('Tenant attach state is unknown, so collections were not read.');
  if (tenantAttach.value.attached !== true) return skippedFact(AFTER_TENANT_ATTACH);
  if (targets.length > 0) return readFact(unique(targets).slice(0, MAX_COLLECTIONS_CHECKED));
  const scope = tenantAttach.value.uploadScope;
  const scoped = scope.kind === 'collection' ? [scope.collectionId] : [];
  if (synced.status === 'failed') return scoped.length > 0 ? readFact(scoped) : failedFact(synced.failure);
  const syncedIds = synced.status === 'read' ? synced.value.items.map((collection) => collection.collectionId) : [];
  return readFact(unique([...scoped, ...syncedIds]).slice(0, MAX_COLLECTIONS_CHECKED));
}

export function sameCollectionId(left: string, right: string): boolean {
  return left.toUpperCase() === right.toUpperCase();
}

function unique(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = id.toUpperCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
