import type { CollectionSummary, Tri, UploadScope } from '../ports/configmgr-gateway.js';

export function sameCollectionId(left: string, right: string): boolean {
  return left.toUpperCase() === right.toUpperCase();
}

/**
 * Whether the upload scope takes in a collection, from what one row tells: the scope collection itself or a collection
 * limited by it ("its subcollections are uploaded too", configmgr-adminservice.md §4).
 */
export function scopeCovers(
  scope: UploadScope,
  collection: Pick<CollectionSummary, 'id' | 'limitToCollectionId'>,
): Tri {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'unknown') return 'unknown';
  if (sameCollectionId(scope.collectionId, collection.id)) return true;
  return (
    collection.limitToCollectionId !== undefined && sameCollectionId(scope.collectionId, collection.limitToCollectionId)
  );
}

export function describeScope(scope: UploadScope): string {
  switch (scope.kind) {
    case 'all':
      return 'All my devices managed by Microsoft Endpoint Configuration Manager';
    case 'collection':
      return `the collection ${scope.collectionId}`;
    case 'unknown':
      return 'not readable through the AdminService';
  }
}
