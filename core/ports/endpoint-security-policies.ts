import type { AssignmentTarget } from '../policy/assignment-target.js';
import type { PolicyDetails, PolicyListItem } from '../policy/managed-policy.js';
import type { PolicyDraft } from '../policy/policy-draft.js';

export interface PolicyListFilter {
  /** Case-insensitive substring of the policy name. */
  readonly nameContains?: string;
  /** Only policies AttachOps created (see adapters/graph/managed-marker.ts for the marker). */
  readonly managedOnly?: boolean;
}

export interface ScopeTag {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string;
  readonly isBuiltIn: boolean;
}

/** An Intune assignment filter (deviceManagement/assignmentFilters). */
export interface AssignmentFilter {
  readonly id: string;
  readonly displayName: string;
  /** devicePlatformType, e.g. "windows10AndLater". */
  readonly platform: string;
}

/** Endpoint security (EDR, Antivirus) policies in Intune, for Intune groups and ConfigMgr collections alike. */
export interface EndpointSecurityPolicies {
  list(filter?: PolicyListFilter): Promise<readonly PolicyListItem[]>;
  /** `undefined` when no policy has this id. */
  get(policyId: string): Promise<PolicyDetails | undefined>;
  create(draft: PolicyDraft): Promise<{ readonly id: string }>;
  /** Replaces name, description and every setting with the draft's. */
  replace(policyId: string, draft: PolicyDraft): Promise<void>;
  /** Returns false when the policy was already gone. */
  delete(policyId: string): Promise<boolean>;
  getAssignments(policyId: string): Promise<readonly AssignmentTarget[]>;
  /** Sets the complete assignment set: targets left out are unassigned. */
  assign(policyId: string, targets: readonly AssignmentTarget[]): Promise<readonly AssignmentTarget[]>;
  listScopeTags(): Promise<readonly ScopeTag[]>;
  listAssignmentFilters(): Promise<readonly AssignmentFilter[]>;
}
