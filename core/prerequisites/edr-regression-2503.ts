import type { SiteInfo, UpdatePackage } from '../ports/configmgr-gateway.js';
import { CURRENT_BRANCH_RELEASES } from './configmgr-releases.js';

/**
 * graph-intune.md §11.7: ConfigMgr 2503 stopped Intune EDR policies from applying to tenant-attached clients that are
 * not co-managed; 2603 fixes it. The notes name releases, not builds (only 2503 = build 9135 is mapped, [I]); a
 * site's release is read from its installed "Configuration Manager YYMM" update, else from the build map.
 */
export const FIRST_AFFECTED_RELEASE = 2503;
export const LAST_AFFECTED_RELEASE = 2509;
export const FIXED_RELEASE = 2603;
/** Build of 2503 (configmgr-adminservice.md §2 [I]); later builds are not mapped. */
const BUILD_2503 = 9135;
const RELEASE_UPDATE_NAME = /^Configuration Manager (\d{4})$/i;

export type RegressionExposure =
  | { readonly kind: 'affected'; readonly release: number }
  | { readonly kind: 'not-affected'; readonly release?: number }
  /** A build from 2503 on that no installed update names: 2503–2509 or 2603+, we cannot tell. */
  | { readonly kind: 'unknown-release'; readonly build: number };

export function regressionExposure(site: SiteInfo, updates: readonly UpdatePackage[]): RegressionExposure {
  const installed = updates
    .filter((update) => update.installed)
    .map((update) => Number(RELEASE_UPDATE_NAME.exec(update.name.trim())?.[1] ?? Number.NaN))
    .filter((release) => Number.isInteger(release));
  const mapped = Number(CURRENT_BRANCH_RELEASES.get(site.buildNumber) ?? Number.NaN);
  const release = installed.length > 0 ? Math.max(...installed) : Number.isInteger(mapped) ? mapped : undefined;
  if (release === undefined)
    return site.buildNumber >= BUILD_2503
      ? { kind: 'unknown-release', build: site.buildNumber }
      : { kind: 'not-affected' };
  return release >= FIRST_AFFECTED_RELEASE && release <= LAST_AFFECTED_RELEASE
    ? { kind: 'affected', release }
    : { kind: 'not-affected', release };
}
