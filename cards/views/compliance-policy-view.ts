import { formatUtcMinute } from '../../core/time-format.js';
import { adminCenterPolicyReportUrl } from '../../core/compliance/admin-center-link.js';
import type { PolicySummaryRow } from '../../core/compliance/summary-model.js';
import { type CompliancePolicyRowView, toCompliancePolicyRowView } from './compliance-summary-view.js';

export interface CompliancePolicyView extends CompliancePolicyRowView {
  readonly subtitle: string;
  readonly policyId: string;
  readonly facts: readonly { title: string; value: string }[];
  readonly hasFacts: boolean;
  readonly isConfigMgr: boolean;
  readonly configMgrNote: string;
  readonly adminCenterUrl: string;
}

export function toCompliancePolicyView(row: PolicySummaryRow, takenAt: Date): CompliancePolicyView {
  const counts = row.counts;
  const facts = counts
    ? [
        { title: 'Targeted', value: String(counts.targeted) },
        { title: 'Compliant', value: String(counts.compliant) },
        { title: 'Not compliant', value: String(counts.nonCompliant) },
        { title: 'Failed', value: String(counts.failed) },
        { title: 'Pending', value: String(counts.pending) },
        { title: 'Enforced', value: String(counts.enforced) },
      ]
    : [];
  return {
    ...toCompliancePolicyRowView(row),
    subtitle: `Data as of ${formatUtcMinute(takenAt)}`,
    policyId: row.policyId,
    facts,
    hasFacts: facts.length > 0,
    isConfigMgr: row.target === 'configmgr',
    configMgrNote:
      'This policy is enforced by Configuration Manager. The service reports only these totals for it, not device by device, so there is no device list here. The Intune admin center shows its status report.',
    adminCenterUrl: adminCenterPolicyReportUrl(row.profile),
  };
}
