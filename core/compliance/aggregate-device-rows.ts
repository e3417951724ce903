import type { DeviceStatusRow } from '../ports/compliance-reports.js';
import type { ComplianceCounts } from './compliance-counts.js';
import { bucketOfReportStatus } from './report-status.js';

/**
 * The Intune per-device report folded into the ConfigMgr summary's counts. Not-applicable devices are not targeted;
 * `enforced` follows the sandbox's definition of the ConfigMgr summary: evaluated, compliant or not.
 */
export function aggregateDeviceRows(rows: readonly DeviceStatusRow[]): ComplianceCounts {
  let compliant = 0;
  let nonCompliant = 0;
  let failed = 0;
  let pending = 0;
  for (const row of rows) {
    const bucket = bucketOfReportStatus(row.status);
    if (bucket === 'compliant') compliant += 1;
    else if (bucket === 'nonCompliant') nonCompliant += 1;
    else if (bucket === 'failed') failed += 1;
    else if (bucket === 'pending') pending += 1;
  }
  return {
    targeted: compliant + nonCompliant + failed + pending,
    compliant,
    nonCompliant,
    failed,
    pending,
    enforced: compliant + nonCompliant,
  };
}
