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

/** Devices that have reported a state (targeted minus pending), never below zero. */
export function reportedCount(counts: ComplianceCounts): number {
  return Math.max(0, counts.targeted - counts.pending);
}

/**
 * Compliant / reported in percent; `undefined` while no targeted device has reported yet, so a policy whose devices are
 * all pending is shown as pending, never as 0% compliant.
 */
export function percentOfReported(counts: ComplianceCounts): number | undefined {
  const reported = reportedCount(counts);
  if (reported <= 0) return undefined;
  return (Math.min(counts.compliant, reported) / reported) * 100;
}

export interface CountsChange {
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly failed: number;
  readonly pending: number;
  readonly targeted: number;
  /** Percentage points of reported devices compliant; `undefined` when either side had none reported. */
  readonly percentPoints: number | undefined;
}

export function changeBetween(current: ComplianceCounts, previous: ComplianceCounts): CountsChange {
  const now = percentOfReported(current);
  const before = percentOfReported(previous);
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
