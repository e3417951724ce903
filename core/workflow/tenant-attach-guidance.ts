import type { SiteInfo } from '../ports/configmgr-gateway.js';
import type { Guidance } from './guidance.js';
import { cloudServicesNode, describeSite } from '../prerequisites/site-releases.js';
import { UPLOAD_CYCLE_HINT, UPLOAD_LOGS } from './sync-logs.js';

export type AttachScope =
  { readonly kind: 'all' } | { readonly kind: 'collection'; readonly id: string; readonly name: string };

/**
 * The console steps that turn on "Upload to Microsoft Endpoint Manager admin center" (configmgr-adminservice.md §3, and
 * the seed's Task 2). The gateway cannot tell whether co-management is on, so both variants are given, labelled.
 */
export function buildTenantAttachGuidance(
  site: Pick<SiteInfo, 'siteCode' | 'siteName' | 'buildNumber' | 'branch' | 'isTopLevel'>,
  scope: AttachScope,
): Guidance {
  const { node, wizard } = cloudServicesNode(site);
  const consoleSite = site.isTopLevel
    ? `the top-level site ${describeSite(site)}`
    : `the top-level site of ${describeSite(site)}`;
  return {
    title: 'Turn on tenant attach (upload to the Microsoft Endpoint Manager admin center)',
    steps: [
      `In a Configuration Manager console connected to ${consoleSite}, go to Administration > Cloud Services > ${node}.`,
      'If co-management is already on: right-click the production co-management policy, choose Properties, open the Configure upload tab and tick "Upload to Microsoft Endpoint Manager admin center".',
      `If co-management is off: click ${wizard} in the ribbon. On Tenant onboarding pick AzurePublicCloud, keep "Upload to Microsoft Endpoint Manager admin center" ticked and clear "Enable automatic client enrollment for co-management".`,
      scopeStep(scope),
      'Sign in with a Global Administrator account when asked, and answer Yes to "Create AAD Application" (it creates the app registration and service principal the upload uses).',
      'Click Apply (properties) or finish the wizard and Close, then press Verify here.',
    ],
    verifyHint: `Press Verify when done. ${UPLOAD_CYCLE_HINT}`,
    logs: [...UPLOAD_LOGS],
  };
}

function scopeStep(scope: AttachScope): string {
  return scope.kind === 'all'
    ? 'For the device upload choose "All my devices managed by Microsoft Endpoint Configuration Manager".'
    : `For the device upload choose "Specific collection" and select ${scope.name} (${scope.id}); its subcollections are uploaded too.`;
}
