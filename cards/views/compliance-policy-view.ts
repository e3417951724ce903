import { formatMoment } from '../time-format.js';
import { adminCenterPolicyReportUrl } from './admin-center-link.js';
import type { PolicySummaryRow } from '../../core/compliance/summary-model.js';
import { type CompliancePolicyRowView, errorDetails, toCompliancePolicyRowView } from './compliance-summary-view.js';

export interface CompliancePolicyView extends CompliancePolicyRowView {
  readonly subtitle: string;
  readonly isConfigMgr: boolean;
  readonly configMgrNote: string;
  readonly adminCenterUrl: string;
  /** Behind the Details toggle: the policy id (what `compliance <id>` takes) and why numbers could not be read. */
  readonly details: readonly string[];
}

/**
 * GUESS (configmgr-adminservice.md §7: getPolicySummary returns enforcedDeviceCount, Microsoft does not say what it
 * counts): the devices that applied the policy and evaluated it, compliant or not. The sandbox counts it so
 * (sandbox/world/compliance.ts). Said on the card beside the number, so "Enforced 186" is not left unexplained.
 */
export function enforcedFact(enforced: number): { title: string; value: string } {
  const devices = `${enforced} device${enforced === 1 ? '' : 's'}`;
  return { title: 'Enforced', value: `${devices}: applied the policy and evaluated it, compliant or not` };
}

export function toCompliancePolicyView(row: PolicySummaryRow, takenAt: Date, now: Date): CompliancePolicyView {
  const rowView = toCompliancePolicyRowView(row, now);
  const enforced = row.counts ? [enforcedFact(row.counts.enforced)] : [];
  return {
    ...rowView,
    facts: [...rowView.facts, ...(rowView.hasFacts ? enforced : [])],
    subtitle: `Data as of ${formatMoment(takenAt, now)}`,
    isConfigMgr: row.target === 'configmgr',
    configMgrNote:
      'This policy is enforced by Configuration Manager. The service reports only these totals for it, not device by device, so there is no device list here. The Intune admin center shows its status report.',
    adminCenterUrl: adminCenterPolicyReportUrl(row.profile),
    details: [`Policy id: ${row.policyId}`, ...errorDetails([row])],
  };
}
