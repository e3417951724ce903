import { z } from 'zod';
import type { Router } from '../http/router.js';
import type { SandboxResponse } from '../http/types.js';
import { type DeviceComplianceState, policyDeviceStates } from '../world/compliance.js';
import { deviceAt } from '../world/devices.js';
import { badRequest } from './graph-errors.js';
import { type GraphContext, graphRoute } from './graph-context.js';

/** Scripts report `top` is effectively capped at 50 (graph-intune.md §6.2). */
export const REPORT_MAX_TOP = 50;

/** Numeric PolicyStatus / ReportStatus text per state: the real codes are undocumented, so these are sandbox values. */
const STATUS: Readonly<Record<DeviceComplianceState, { code: number; text: string }>> = {
  pending: { code: 1, text: 'Pending' },
  compliant: { code: 2, text: 'Succeeded' },
  nonCompliant: { code: 3, text: 'Not compliant' },
  failed: { code: 5, text: 'Error' },
};

const COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['DeviceName', 'String'],
  ['UPN', 'String'],
  ['ReportStatus', 'String'],
  ['AssignmentFilterIds', 'String'],
  ['PspdpuLastModifiedTimeUtc', 'DateTime'],
  ['IntuneDeviceId', 'String'],
  ['UnifiedPolicyPlatformType', 'String'],
  ['UserId', 'String'],
  ['PolicyStatus', 'Int32'],
  ['PolicyBaseTypeName', 'String'],
];

const bodySchema = z
  .object({
    select: z.array(z.string()).optional(),
    filter: z.string().optional(),
    skip: z.number().int().nonnegative().optional(),
    top: z.number().int().positive().optional(),
    orderBy: z.array(z.string()).optional(),
    name: z.string().optional(),
    search: z.string().optional(),
    groupBy: z.array(z.string()).optional(),
    sessionId: z.string().optional(),
  })
  .strict();

export function registerReportRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(
    router,
    ctx,
    'POST',
    '/deviceManagement/reports/getConfigurationPolicyDevicesReport',
    (req): SandboxResponse => {
      const parsed = bodySchema.safeParse(req.body ?? {});
      if (!parsed.success) return badRequest(req, `Invalid report request: ${parsed.error.issues[0]?.message ?? ''}`);
      const body = parsed.data;
      const policyId = /PolicyId eq '([^']+)'/i.exec(body.filter ?? '')?.[1];
      if (!policyId) return badRequest(req, "The report requires a filter on PolicyId, e.g. (PolicyId eq '<id>').");
      const world = ctx.world();
      const policy = world.policies.get(policyId);
      const states = policy ? policyDeviceStates(world, policy) : [];
      const select = body.select && body.select.length > 0 ? body.select : COLUMNS.map(([c]) => c);
      const unknown = select.find((c) => !COLUMNS.some(([name]) => name === c));
      if (unknown) return badRequest(req, `Unknown column '${unknown}'.`);
      const skip = body.skip ?? 0;
      const top = Math.min(body.top ?? REPORT_MAX_TOP, REPORT_MAX_TOP);
      const rows = states.slice(skip, skip + top).map((s) => {
        const device = deviceAt(s.cmIndex);
        const cell: Readonly<Record<string, unknown>> = {
          DeviceName: device.name,
          UPN: '',
          ReportStatus: STATUS[s.state].text,
          AssignmentFilterIds: '',
          PspdpuLastModifiedTimeUtc: new Date(s.changedAtMs).toISOString(),
          IntuneDeviceId: device.aadDeviceId,
          UnifiedPolicyPlatformType: 'Windows10',
          UserId: '',
          PolicyStatus: STATUS[s.state].code,
          PolicyBaseTypeName: 'DeviceManagementConfigurationPolicy',
        };
        return select.map((column) => cell[column]);
      });
      const table = {
        TotalRowCount: states.length,
        Schema: select.map((c) => ({ Column: c, PropertyType: COLUMNS.find(([n]) => n === c)?.[1] ?? 'String' })),
        Values: rows,
      };
      return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, text: JSON.stringify(table) };
    },
  );
}
