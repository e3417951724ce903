import type { AssignmentTarget } from '../policy/assignment-target.js';
import type { PolicyDetails, PolicyListItem } from '../policy/managed-policy.js';
import type { PolicyDraft } from '../policy/policy-draft.js';
import type { TenantWrite } from './tenant-write.js';

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

/**
 * Endpoint security (EDR, Antivirus) policies in Intune, for Intune groups and ConfigMgr collections alike. Writes take
 * the run's `TenantWrite` (its Multi Admin Approval justification) and throw `IntuneApprovalRequired` when Intune holds them.
 */
export interface EndpointSecurityPolicies {
  list(filter?: PolicyListFilter): Promise<readonly PolicyListItem[]>;
  /** `undefined` when no policy has this id. */
  get(policyId: string): Promise<PolicyDetails | undefined>;
  /** With `write`, the policy carries `write.ref` and can be found by it (`list` gives it as `writeRef`). */
  create(draft: PolicyDraft, write?: TenantWrite): Promise<{ readonly id: string }>;
  /** Replaces name, description and every setting with the draft's. */
  replace(policyId: string, draft: PolicyDraft, write?: TenantWrite): Promise<void>;
  /** Changes the policy's name alone; its description (with the AttachOps marker), settings and assignments stay. */
  rename(policyId: string, name: string, write?: TenantWrite): Promise<void>;
  /** Returns false when the policy was already gone. */
  delete(policyId: string, write?: TenantWrite): Promise<boolean>;
  getAssignments(policyId: string): Promise<readonly AssignmentTarget[]>;
  /** Sets the complete assignment set: targets left out are unassigned. */
  assign(
    policyId: string,
    targets: readonly AssignmentTarget[],
    write?: TenantWrite,
  ): Promise<readonly AssignmentTarget[]>;
  listScopeTags(): Promise<readonly ScopeTag[]>;
  listAssignmentFilters(): Promise<readonly AssignmentFilter[]>;
}
