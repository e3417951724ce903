/** Where one device row of the Intune report is counted. */
export type StatusBucket = 'compliant' | 'nonCompliant' | 'failed' | 'pending' | 'notApplicable';

const BUCKET_BY_LABEL: Readonly<Record<string, StatusBucket>> = {
  succeeded: 'compliant',
  success: 'compliant',
  compliant: 'compliant',
  notcompliant: 'nonCompliant',
  noncompliant: 'nonCompliant',
  conflict: 'nonCompliant',
  error: 'failed',
  failed: 'failed',
  failure: 'failed',
  pending: 'pending',
  inprogress: 'pending',
  unknown: 'pending',
  notapplicable: 'notApplicable',
};

/**
 * Maps a `ReportStatus` label of getConfigurationPolicyDevicesReport to a count. The labels are a GUESS: the report's
 * columns and values are known only from public scripts, not from documentation (graph-intune.md §6.2 and §10.4).
 * A label not listed here is counted as pending, so an unknown state is never reported as compliant.
 */
export function bucketOfReportStatus(label: string): StatusBucket {
  const key = label.toLowerCase().replace(/[^a-z]/g, '');
  return BUCKET_BY_LABEL[key] ?? 'pending';
}

export function isNonCompliantBucket(bucket: StatusBucket): boolean {
  return bucket === 'nonCompliant' || bucket === 'failed';
}
