import { z } from 'zod';
import type { ComplianceReports, DeviceStatusRow } from '../../core/ports/compliance-reports.js';
import type { GraphHttp } from './graph-http.js';
import { odataString } from './odata-string.js';
import { parseItems, parseReply } from './parse-reply.js';
import { reportRows, reportTableSchema } from './report-table.js';

const COLUMNS = [
  'DeviceName',
  'UPN',
  'ReportStatus',
  'AssignmentFilterIds',
  'PspdpuLastModifiedTimeUtc',
  'IntuneDeviceId',
  'UnifiedPolicyPlatformType',
  'UserId',
  'PolicyStatus',
  'PolicyBaseTypeName',
];
/** Scripts report that `top` is effectively capped at 50 (graph-intune.md §6.2). */
export const REPORT_PAGE_LIMIT = 50;

const rowSchema = z.object({
  DeviceName: z.string().nullish(),
  UPN: z.string().nullish(),
  ReportStatus: z.union([z.string(), z.number()]).nullish(),
  PolicyStatus: z.union([z.string(), z.number()]).nullish(),
  IntuneDeviceId: z.string().nullish(),
  PspdpuLastModifiedTimeUtc: z.string().nullish(),
});

export function createGraphComplianceReports(http: GraphHttp): ComplianceReports {
  return {
    async getPolicyDeviceStatuses(policyId, page) {
      const operation = 'read policy device status report';
      const top = Math.min(Math.max(1, page.top), REPORT_PAGE_LIMIT);
      const reply = await http.send({
        operation,
        method: 'POST',
        path: '/deviceManagement/reports/getConfigurationPolicyDevicesReport',
        readOnly: true,
        body: { select: COLUMNS, filter: reportFilter(policyId), skip: page.skip, top, orderBy: [] },
      });
      const table = parseReply(reportTableSchema, reply, operation);
      const rows = parseItems(rowSchema, reportRows(table), operation).map(toDeviceStatus);
      const nextSkip = page.skip + table.Values.length;
      return {
        total: table.TotalRowCount,
        rows,
        ...(nextSkip < table.TotalRowCount && table.Values.length > 0 ? { next: { skip: nextSkip, top } } : {}),
      };
    },
  };
}

function reportFilter(policyId: string): string {
  const baseTypes = [
    'Microsoft.Management.Services.Api.DeviceConfiguration',
    'DeviceManagementConfigurationPolicy',
    'DeviceConfigurationAdmxPolicy',
  ];
  const anyBaseType = baseTypes.map((name) => `(PolicyBaseTypeName eq '${name}')`).join(' or ');
  return `(${anyBaseType}) and (PolicyId eq '${odataString(policyId)}')`;
}

function toDeviceStatus(row: z.infer<typeof rowSchema>): DeviceStatusRow {
  const reported = row.PspdpuLastModifiedTimeUtc ? new Date(row.PspdpuLastModifiedTimeUtc) : undefined;
  return {
    deviceName: row.DeviceName ?? '',
    status: String(row.ReportStatus ?? row.PolicyStatus ?? 'unknown'),
    ...(row.UPN ? { userPrincipalName: row.UPN } : {}),
    ...(row.IntuneDeviceId ? { intuneDeviceId: row.IntuneDeviceId } : {}),
    ...(reported && !Number.isNaN(reported.getTime()) ? { lastReported: reported } : {}),
  };
}
