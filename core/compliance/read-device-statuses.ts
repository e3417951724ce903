import type { ComplianceReports, DeviceStatusRow } from '../ports/compliance-reports.js';

/** The report's `top` is effectively capped at 50 (graph-intune.md §6.2). */
export const REPORT_PAGE_SIZE = 50;
/** 100,000 devices; a report that pages on past this is cut rather than read forever. */
const MAX_REPORT_PAGES = 2000;

/** Every device row of one Intune policy's report, paging with skip/top until the total is reached. */
export async function readDeviceStatuses(reports: ComplianceReports, policyId: string): Promise<DeviceStatusRow[]> {
  const rows: DeviceStatusRow[] = [];
  let page: { skip: number; top: number } | undefined = { skip: 0, top: REPORT_PAGE_SIZE };
  for (let count = 0; page !== undefined && count < MAX_REPORT_PAGES; count += 1) {
    const result = await reports.getPolicyDeviceStatuses(policyId, page);
    rows.push(...result.rows);
    page = result.next;
  }
  return rows;
}
