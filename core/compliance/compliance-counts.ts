import type { PolicyDeviceCounts } from '../ports/intune-collections.js';

/** The six device counts of one policy, the same for ConfigMgr summaries and aggregated Intune reports. */
export type ComplianceCounts = PolicyDeviceCounts;

export const ZERO_COUNTS: ComplianceCounts = {
  targeted: 0,
  compliant: 0,
  nonCompliant: 0,
  failed: 0,
  pending: 0,
  enforced: 0,
};

/** Compliant / targeted in percent; `undefined` when no device is targeted yet (never a division by zero). */
export function percentCompliant(counts: ComplianceCounts): number | undefined {
  if (counts.targeted <= 0) return undefined;
  return (counts.compliant / counts.targeted) * 100;
}

export interface CountsChange {
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly failed: number;
  readonly pending: number;
  readonly targeted: number;
  /** Percentage points; `undefined` when either side had no targeted devices. */
  readonly percentPoints: number | undefined;
}

export function changeBetween(current: ComplianceCounts, previous: ComplianceCounts): CountsChange {
  const now = percentCompliant(current);
  const before = percentCompliant(previous);
  return {
    compliant: current.compliant - previous.compliant,
    nonCompliant: current.nonCompliant - previous.nonCompliant,
    failed: current.failed - previous.failed,
    pending: current.pending - previous.pending,
    targeted: current.targeted - previous.targeted,
    percentPoints: now === undefined || before === undefined ? undefined : now - before,
  };
}

export function isUnchanged(change: CountsChange): boolean {
  return (
    change.compliant === 0 &&
    change.nonCompliant === 0 &&
    change.failed === 0 &&
    change.pending === 0 &&
    change.targeted === 0
  );
}
