import type { CollectionSummary, SiteInfo, UploadScope } from '../ports/configmgr-gateway.js';
import type { Guidance } from './guidance.js';
import { cloudServicesNode } from '../prerequisites/site-releases.js';
import { UPLOAD_CYCLE_HINT, UPLOAD_LOGS } from './sync-logs.js';
import { describeScope } from './upload-scope.js';

/** The upload scope is a single collection or all devices (configmgr-adminservice.md §4), changed in the console only. */
export function buildUploadScopeGuidance(
  site: Pick<SiteInfo, 'buildNumber' | 'branch'>,
  collection: Pick<CollectionSummary, 'id' | 'name'>,
  current: UploadScope,
): Guidance {
  const { node } = cloudServicesNode(site);
  return {
    title: `Bring ${collection.name} (${collection.id}) into the upload scope`,
    steps: [
      `In the Configuration Manager console go to Administration > Cloud Services > ${node}, right-click the production policy and choose Properties.`,
      `Open the Configure upload tab. The upload scope is now ${describeScope(current)}.`,
      `Either choose "All my devices managed by Microsoft Endpoint Configuration Manager", or choose "Specific collection" and select ${collection.name} (${collection.id}). Only one collection can be chosen: switching it stops the upload of the devices only the old one held.`,
      'Click Apply, then press Verify here.',
    ],
    verifyHint: `Press Verify when done. ${UPLOAD_CYCLE_HINT}`,
    logs: [...UPLOAD_LOGS],
  };
}
