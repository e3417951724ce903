import type { z } from 'zod';
import { fail, gatewayError, ok, type Result } from '../../core/errors/gateway-error.js';
import type { SiteInfo, UpdatePackage } from '../../core/ports/configmgr-gateway.js';
import type { WmiReader } from './wmi-reader.js';
import { siteRowSchema, updatePackageRowSchema } from './wmi-schemas.js';

/** INSTALL_SUCCESS (0x00030004), configmgr-adminservice.md §2. */
export const UPDATE_INSTALLED_STATE = 196612;

/**
 * Current-branch build numbers (configmgr-adminservice.md §2, a community map [I]; only 8968 = 2002 is confirmed).
 * A build outside it is reported as branch 'unknown', which covers technical previews.
 */
export const CURRENT_BRANCH_BUILDS: ReadonlySet<number> = new Set([
  8968, 9012, 9040, 9049, 9058, 9068, 9078, 9088, 9096, 9106, 9122, 9128, 9132, 9135,
]);

const SITE_SELECT = 'SiteCode,SiteName,ServerName,Version,BuildNumber,Type,ReportingSiteCode,Status';
const UPDATE_SELECT = 'Name,PackageGuid,State,UpdateType,FullVersion,LastUpdateTime';

export async function readSiteInfo(wmi: WmiReader, siteCode: string | undefined): Promise<Result<SiteInfo>> {
  const rows = await wmi.list('/wmi/SMS_Site', { $select: SITE_SELECT }, siteRowSchema);
  if (!rows.ok) return rows;
  const candidates =
    siteCode === undefined
      ? rows.value
      : rows.value.filter((row) => row.SiteCode.toUpperCase() === siteCode.toUpperCase());
  const [row, ...others] = candidates;
  if (row === undefined)
    return fail(
      gatewayError('Unexpected', siteCode ? `site ${siteCode} is not in SMS_Site` : 'SMS_Site returned no site'),
    );
  if (others.length > 0) {
    return fail(
      gatewayError('Unexpected', `the provider lists ${candidates.length} sites; configure which site code to use`, {
        details: { siteCodes: candidates.map((site) => site.SiteCode) },
      }),
    );
  }
  return ok(toSiteInfo(row));
}

function toSiteInfo(row: z.infer<typeof siteRowSchema>): SiteInfo {
  return {
    siteCode: row.SiteCode,
    siteName: row.SiteName,
    serverName: row.ServerName,
    version: row.Version,
    buildNumber: row.BuildNumber,
    siteType: row.Type === 4 ? 'cas' : row.Type === 1 ? 'secondary' : 'primary',
    isTopLevel: row.Type === 4 || row.ReportingSiteCode === '',
    branch: CURRENT_BRANCH_BUILDS.has(row.BuildNumber) ? 'current' : 'unknown',
  };
}

export async function readUpdatePackages(wmi: WmiReader): Promise<Result<readonly UpdatePackage[]>> {
  const [current, history] = await Promise.all([
    wmi.list('/wmi/SMS_CM_UpdatePackages', { $select: UPDATE_SELECT }, updatePackageRowSchema),
    wmi.list('/wmi/SMS_CM_UpdatePackagesHistory', { $select: UPDATE_SELECT }, updatePackageRowSchema),
  ]);
  if (!current.ok) return current;
  if (!history.ok) return history;
  return ok([
    ...current.value.map((row) => toUpdatePackage(row, 'current')),
    ...history.value.map((row) => toUpdatePackage(row, 'history')),
  ]);
}

function toUpdatePackage(row: z.infer<typeof updatePackageRowSchema>, source: UpdatePackage['source']): UpdatePackage {
  const superseded = row.SupersededByNameList;
  return {
    name: row.Name,
    packageGuid: row.PackageGuid,
    state: row.State,
    installed: row.State === UPDATE_INSTALLED_STATE,
    updateType:
      row.UpdateType === 0 ? 'regular' : row.UpdateType === 1 ? 'weave' : row.UpdateType === 2 ? 'qfe' : 'unknown',
    supersededBy:
      superseded == null
        ? []
        : Array.isArray(superseded)
          ? superseded
          : superseded
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean),
    source,
  };
}
