/**
 * Where a policy applies. `collectionId` is the ConfigMgr CollectionID (e.g. "PS100042"), the same id the
 * AdminService and configManagerCollections.collectionIdentifier use.
 */
export type AssignmentTarget =
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'exclude-group'; readonly groupId: string }
  | { readonly kind: 'collection'; readonly collectionId: string }
  | { readonly kind: 'all-devices' }
  | { readonly kind: 'all-users' }
  /** A target type this bot does not manage; kept so a full-set `assign` never drops it. */
  | { readonly kind: 'other'; readonly description: string; readonly raw: unknown };

export function sameTarget(left: AssignmentTarget, right: AssignmentTarget): boolean {
  switch (left.kind) {
    case 'group':
    case 'exclude-group':
      return right.kind === left.kind && right.groupId === left.groupId;
    case 'collection':
      return right.kind === 'collection' && right.collectionId.toUpperCase() === left.collectionId.toUpperCase();
    case 'all-devices':
    case 'all-users':
      return right.kind === left.kind;
    case 'other':
      return right.kind === 'other' && JSON.stringify(right.raw) === JSON.stringify(left.raw);
  }
}
