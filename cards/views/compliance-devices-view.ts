import { formatMoment } from '../time-format.js';
import type { NonCompliantDevicesPage } from '../../core/compliance/non-compliant-devices.js';
import { pagingView, shorten } from './compliance-format.js';
import type { ComplianceDevicesData } from './compliance-summary-view.js';

export interface ComplianceDeviceRowView {
  readonly device: string;
  readonly user: string;
  readonly state: string;
  readonly lastReport: string;
}

export interface ComplianceDevicesView {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly ComplianceDeviceRowView[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousData: ComplianceDevicesData;
  readonly nextData: ComplianceDevicesData;
}

export function toComplianceDevicesView(page: NonCompliantDevicesPage, now: Date): ComplianceDevicesView {
  const data = (target: number): ComplianceDevicesData => ({ policyId: page.policyId, page: target });
  const devices = page.total === 1 ? '1 device' : `${page.total} devices`;
  return {
    title: `Non-compliant devices · ${shorten(page.policyName)}`,
    subtitle: [
      `${devices} not compliant or failed`,
      `data as of ${formatMoment(page.takenAt, now)}`,
      page.pageCount > 1 ? `page ${page.page} of ${page.pageCount}` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · '),
    rows: page.rows.map((row) => ({
      device: shorten(row.deviceName || 'a device with no name', 60),
      user: shorten(row.userPrincipalName ?? '—', 60),
      state: shorten(row.status, 30),
      lastReport: row.lastReported ? formatMoment(row.lastReported, now) : 'never',
    })),
    isEmpty: page.rows.length === 0,
    emptyText: 'Every targeted device is compliant or still pending.',
    ...pagingView(page.page, page.pageCount, data),
  };
}
