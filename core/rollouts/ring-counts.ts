import { aggregateDeviceRows } from '../compliance/aggregate-device-rows.js';
import type { ComplianceCounts } from '../compliance/compliance-counts.js';
import type { ComplianceTenant } from '../compliance/read-compliance.js';
import { readDeviceStatuses } from '../compliance/read-device-statuses.js';

export type PolicyReportTarget = 'configmgr' | 'intune';

/**
 * The policy's counts from the same report reads as `compliance` (core/compliance/read-compliance.ts): a ConfigMgr
 * policy's summary (one request), an Intune policy's device report (one request per 50 devices).
 *
 * Our choice: the gate reads the whole policy, so its figures cover every device the policy reaches, which during a
 * rollout are the rings assigned so far (and whatever the policy had before the rollout). Neither report can be asked
 * for one collection's or group's devices, and a ring that breaks devices shows in the policy's own figures.
 */
export async function readPolicyCounts(
  tenant: ComplianceTenant,
  policyId: string,
  target: PolicyReportTarget,
): Promise<ComplianceCounts> {
  if (target === 'intune') return aggregateDeviceRows(await readDeviceStatuses(tenant.complianceReports, policyId));
  const [outcome] = await tenant.intuneCollections.getPolicySummaries([policyId]);
  if (outcome === undefined) throw new Error(`no summary came back for policy ${policyId}`);
  if (!outcome.ok) throw outcome.error;
  return outcome.counts;
}
