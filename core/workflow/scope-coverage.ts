import type { CollectionSummary, Tri, UploadScope } from '../ports/configmgr-gateway.js';
import type { TenantServices } from '../tenant-services.js';
import { valueOrThrow } from './gates.js';
import { sameCollectionId, scopeCovers } from './upload-scope.js';

/** Limiting collections followed upwards to find the scope collection; bounds the reads of one check. */
const MAX_LIMIT_DEPTH = 4;

/**
 * Whether the upload scope takes in a collection: all devices, the scope collection itself, or a collection limited by
 * it at some depth ("its subcollections are uploaded too", configmgr-adminservice.md §4). A failed read throws.
 */
export async function coveredByScope(
  services: TenantServices,
  collectionId: string,
  scope: UploadScope,
  known?: CollectionSummary,
): Promise<Tri> {
  if (scope.kind !== 'collection') return scopeCovers(scope, { id: collectionId });
  if (sameCollectionId(scope.collectionId, collectionId)) return true;
  let current = known ?? (await readCollection(services, collectionId));
  for (let depth = 0; depth < MAX_LIMIT_DEPTH && current !== undefined; depth += 1) {
    if (scopeCovers(scope, current) === true) return true;
    if (current.limitToCollectionId === undefined) return false;
    current = await readCollection(services, current.limitToCollectionId);
  }
  return false;
}

/** A limiting collection that no longer exists ends the walk; any other failure throws. */
async function readCollection(services: TenantServices, collectionId: string): Promise<CollectionSummary | undefined> {
  const result = await services.configMgr.getCollection(collectionId);
  if (!result.ok && result.error.code === 'CollectionNotFound') return undefined;
  return valueOrThrow(result, `read collection ${collectionId}`);
}
