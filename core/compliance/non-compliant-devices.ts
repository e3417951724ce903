import type { DeviceStatusRow } from '../ports/compliance-reports.js';
import { bucketOfReportStatus, isNonCompliantBucket } from './report-status.js';

export const DEVICES_PAGE_SIZE = 20;

export interface NonCompliantDevicesPage {
  readonly policyId: string;
  readonly policyName: string;
  readonly takenAt: Date;
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
  readonly rows: readonly DeviceStatusRow[];
}

/** Devices whose report row counts as not compliant or failed, failed first, then by name; `page` is clamped. */
export function nonCompliantDevicesPage(
  policy: { readonly policyId: string; readonly policyName: string; readonly takenAt: Date },
  rows: readonly DeviceStatusRow[],
  page: number,
  pageSize = DEVICES_PAGE_SIZE,
): NonCompliantDevicesPage {
  const failing = rows
    .filter((row) => isNonCompliantBucket(bucketOfReportStatus(row.status)))
    .sort((left, right) => failedFirst(left) - failedFirst(right) || left.deviceName.localeCompare(right.deviceName));
  const pageCount = Math.max(1, Math.ceil(failing.length / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page)), pageCount);
  return {
    ...policy,
    page: current,
    pageCount,
    total: failing.length,
    rows: failing.slice((current - 1) * pageSize, current * pageSize),
  };
}

function failedFirst(row: DeviceStatusRow): number {
  return bucketOfReportStatus(row.status) === 'failed' ? 0 : 1;
}
