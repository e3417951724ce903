import type { DeviceStatusRow } from '../ports/compliance-reports.js';
import type { PolicyProfile, PolicyTarget } from '../policy/policy-draft.js';
import type { ComplianceCounts } from './compliance-counts.js';

export type PolicyComplianceResult =
  { readonly ok: true; readonly counts: ComplianceCounts } | { readonly ok: false; readonly message: string };

/** One policy's numbers as read at `ComplianceSnapshot.takenAt`. */
export interface PolicyCompliance {
  readonly policyId: string;
  readonly name: string;
  readonly target: PolicyTarget;
  /** The profile, where the policy's kind is known (it picks the admin center page). */
  readonly profile?: PolicyProfile;
  readonly result: PolicyComplianceResult;
  /** Intune policies only: the report rows behind the counts, for the device drill-in. */
  readonly devices?: readonly DeviceStatusRow[];
}

export interface ComplianceSnapshot {
  readonly takenAt: Date;
  readonly policies: readonly PolicyCompliance[];
}
