/** An Intune assignment filter on a target: only devices matching (include) or not matching (exclude) the filter. */
export interface AssignmentFilterRef {
  readonly id: string;
  readonly mode: 'include' | 'exclude';
}

type TargetKind =
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'exclude-group'; readonly groupId: string }
  | { readonly kind: 'collection'; readonly collectionId: string }
  | { readonly kind: 'all-devices' }
  | { readonly kind: 'all-users' }
  /** A target type this bot does not manage; kept so a full-set `assign` never drops it. */
  | { readonly kind: 'other'; readonly description: string; readonly raw: unknown };

/**
 * Where a policy applies. `collectionId` is the ConfigMgr CollectionID (e.g. "PS100042"), the same id the
 * AdminService and configManagerCollections.collectionIdentifier use.
 */
export type AssignmentTarget = TargetKind & {
  readonly filter?: AssignmentFilterRef;
  /**
   * The whole assignment exactly as the service returned it, for a target read from the tenant. `assign` replaces the
   * set, so a merge sends this back untouched: every property, original case, properties we do not know yet
   * (graph-intune.md §11.2). Absent for a target this bot adds.
   */
  readonly asRead?: unknown;
};

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
