import { ok, type Result } from '../../core/errors/gateway-error.js';
import type { CloudSyncState, Tri } from '../../core/ports/configmgr-gateway.js';
import { odataLiteral } from './collection-id.js';
import { orFilters } from '../odata/or-filters.js';
import type { WmiReader } from './wmi-reader.js';
import { groupMappingRowSchema } from './wmi-schemas.js';

type MappingRow = ReturnType<typeof groupMappingRowSchema.parse>;

/**
 * GUESS (configmgr-adminservice.md §5 and §10.2: the Flag bit is [U]): no mapping row means the option is off,
 * bit 1 of `Flag` means on, any other row leaves it unknown.
 */
export const ENDPOINT_SECURITY_SYNC_FLAG = 1;
export function endpointSecurityFromMappings(rows: readonly { Flag?: number | null }[]): Tri {
  if (rows.length === 0) return false;
  return rows.some((row) => ((row.Flag ?? 0) & ENDPOINT_SECURITY_SYNC_FLAG) !== 0) ? true : 'unknown';
}

/**
 * The Cloud Sync settings of many collections in one query per chunk (`CollectionSiteID eq 'A' or …`), the chunks
 * in parallel: never one request per collection. `collectionIds` must already be valid collection ids.
 */
export async function readCloudSyncStates(
  wmi: WmiReader,
  collectionIds: readonly string[],
): Promise<Result<CloudSyncState[]>> {
  const clauses = collectionIds.map((id) => `CollectionSiteID eq ${odataLiteral(id)}`);
  const pages = await Promise.all(
    orFilters(clauses).map((filter) =>
      wmi.list('/wmi/SMS_CollectionAADGroupMapping', { $filter: filter }, groupMappingRowSchema),
    ),
  );
  const rows: MappingRow[] = [];
  for (const page of pages) {
    if (!page.ok) return page;
    rows.push(...page.value);
  }
  return ok(collectionIds.map((collectionId) => toCloudSyncState(collectionId, rows)));
}

function toCloudSyncState(collectionId: string, rows: readonly MappingRow[]): CloudSyncState {
  const own = rows.filter((row) => row.CollectionSiteID.toUpperCase() === collectionId.toUpperCase());
  return {
    collectionId,
    endpointSecurityEnabled: endpointSecurityFromMappings(own),
    aadGroups: own
      .filter((row) => row.AADGroupID)
      .map((row) => ({ id: row.AADGroupID ?? '', name: row.AADGroupName ?? '' })),
  };
}
