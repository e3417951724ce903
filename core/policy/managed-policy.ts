import type { AssignmentTarget } from './assignment-target.js';
import type { PolicyDraft, PolicyKind } from './policy-draft.js';

/** A policy as listed: enough to pick one by name and to know whether AttachOps manages it. */
export interface PolicyListItem {
  readonly id: string;
  readonly name: string;
  /** The description without the AttachOps marker. */
  readonly description: string;
  /** `undefined` for endpoint-security policies of other profiles (firewall, ASR, ...). */
  readonly kind: PolicyKind | undefined;
  readonly managedByAttachOps: boolean;
  /** The ref of the run step that created it (core/ports/tenant-write.ts), when its marker carries one. */
  readonly writeRef?: string;
  readonly isAssigned: boolean;
  readonly lastModified?: Date;
  readonly createdAt?: Date;
}

/** A policy read back with its settings, parsed into the same shape as a draft so the two can be compared. */
export interface PolicyDetails extends PolicyListItem {
  /** Present when `kind` is known; secret values (the connector onboarding blob) are never part of it. */
  readonly draft: PolicyDraft | undefined;
  /** Setting definition ids present on the policy that the domain type does not model. */
  readonly unmodelledSettingIds: readonly string[];
  readonly onboardingFromConnector: boolean;
  readonly assignments: readonly AssignmentTarget[];
}
