import type { CollectionSummary, SiteInfo } from '../ports/configmgr-gateway.js';
import type { Guidance } from './guidance.js';
import { describeSite, supportsCloudSyncCmdlet } from '../prerequisites/site-releases.js';
import { UPLOAD_CYCLE_HINT, UPLOAD_LOGS } from './sync-logs.js';

export const CLOUD_SYNC_OPTION =
  'Make this collection available to assign Endpoint security policies from Microsoft Endpoint Manager admin center';

export function cloudSyncCommandLine(collectionId: string): string {
  return `Set-CMCollectionCloudSync -Id ${collectionId} -EnableAssignEndpointSecurityPolicy $true`;
}

/**
 * configmgr-adminservice.md §5 and §10.3: the cmdlet's syntax blocks show -AddGroupName as optional, its parameter
 * tables say required, and every example passes a group. Whether the flag can be set without a group is unknown.
 */
export const ADD_GROUP_NAME_CAVEAT =
  'If the cmdlet insists on -AddGroupName (its documentation is ambiguous about it), add -AddGroupName with an Azure AD group to sync, or use the console steps.';

export function buildEnableCollectionGuidance(
  site: Pick<SiteInfo, 'siteCode' | 'siteName' | 'buildNumber' | 'branch'>,
  collection: Pick<CollectionSummary, 'id' | 'name'>,
): Guidance {
  const cmdlet = supportsCloudSyncCmdlet(site);
  return {
    title: `Make ${collection.name} (${collection.id}) available for endpoint security policies`,
    steps: [
      `Use a Configuration Manager console connected to the top-level site ${describeSite(site)}.`,
      `Go to Assets and Compliance > Device Collections > ${collection.name}, right-click it and choose Properties.`,
      `On the Cloud Sync tab tick "${CLOUD_SYNC_OPTION}".`,
      'Click OK, then press Verify here.',
      ...(cmdlet
        ? [`Or, in PowerShell with the ConfigurationManager module, run the command below. ${ADD_GROUP_NAME_CAVEAT}`]
        : []),
    ],
    ...(cmdlet ? { commandLine: cloudSyncCommandLine(collection.id) } : {}),
    verifyHint: `Press Verify when done. ${UPLOAD_CYCLE_HINT}`,
    logs: [...UPLOAD_LOGS],
  };
}
