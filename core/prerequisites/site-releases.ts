import type { SiteInfo } from '../ports/configmgr-gateway.js';

/** Build numbers from configmgr-adminservice.md §2 (marked [I] there: a community script's map). */
export const BUILD_2103 = 9049;
export const BUILD_2111 = 9068;
export const BUILD_2203 = 9078;

export interface CloudServicesNode {
  /** The node under Administration > Cloud Services. */
  readonly node: string;
  /** The ribbon button that opens the onboarding wizard. */
  readonly wizard: string;
}

/**
 * configmgr-adminservice.md §3: "Co-management" up to 2103, "Cloud Attach" from 2111. The note says nothing about
 * 2107 or technical previews (their build numbers are [U] in §2), so those get both names.
 */
export function cloudServicesNode(site: Pick<SiteInfo, 'buildNumber' | 'branch'>): CloudServicesNode {
  if (site.branch === 'current' && site.buildNumber >= BUILD_2111)
    return { node: 'Cloud Attach', wizard: 'Configure Cloud Attach' };
  if (site.branch === 'current' && site.buildNumber <= BUILD_2103)
    return { node: 'Co-management', wizard: 'Configure co-management' };
  return {
    node: 'Co-management (named Cloud Attach from version 2111)',
    wizard: 'Configure co-management (Configure Cloud Attach from version 2111)',
  };
}

/** Set-CMCollectionCloudSync ships with the console of 2203 and later (configmgr-adminservice.md §5, S4 2203 release notes). */
export function supportsCloudSyncCmdlet(site: Pick<SiteInfo, 'buildNumber' | 'branch'>): boolean {
  return site.branch === 'current' && site.buildNumber >= BUILD_2203;
}

export function describeSite(site: Pick<SiteInfo, 'siteCode' | 'siteName'>): string {
  return site.siteName ? `${site.siteCode} (${site.siteName})` : site.siteCode;
}
