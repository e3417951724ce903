import { SANDBOX_TENANT_ID, SITE_CODE } from '../constants.js';
import { type CmCollection, collectionMemberCount, memberIndices } from '../world/collections.js';
import { deviceAt, FIRST_USER_RESOURCE_ID } from '../world/devices.js';
import type { World } from '../world/world.js';

export type Row = Record<string, unknown>;

/**
 * The `Flag` bit `SMS_CollectionAADGroupMapping` uses for "available to assign Endpoint security policies" is unknown
 * (configmgr-adminservice.md §5, §10.2 [U]); the sandbox uses 1.
 */
export const ES_SYNC_FLAG = 1;

export const AZURE_ENVIRONMENTS = [
  { ID: 1, EnvironmentName: 'AzurePublicCloud', IsDefault: true },
  { ID: 2, EnvironmentName: 'AzureUSGovernmentCloud', IsDefault: false },
  { ID: 3, EnvironmentName: 'AzureChinaCloud', IsDefault: false },
] as const;

const REFRESHED = '2024-01-15T06:00:00Z';

export function collectionRow(collection: CmCollection, world: World): Row {
  const count = collectionMemberCount(collection);
  const limit = collection.limitToCollectionId ? world.hierarchy.collection(collection.limitToCollectionId) : undefined;
  return {
    CollectionID: collection.id,
    Name: collection.name,
    CollectionType: collection.collectionType,
    Comment: collection.comment,
    MemberCount: count,
    LocalMemberCount: count,
    LimitToCollectionID: collection.limitToCollectionId,
    LimitToCollectionName: limit?.name ?? '',
    IsBuiltIn: collection.isBuiltIn,
    IsReferenceCollection: collection.limitToCollectionId === '',
    LastRefreshTime: REFRESHED,
    LastChangeTime: REFRESHED,
    MemberClassName: `SMS_CM_RES_COLL_${collection.id}`,
    CollectionVariablesCount: 0,
    ServiceWindowsCount: 0,
    IncludeExcludeCollectionsCount: 0,
    RefreshType: 2,
  };
}

export function* membershipRows(collection: CmCollection, world: World): Generator<Row> {
  if (collection.collectionType === 1) {
    for (const [i, userId] of collection.userMemberIds.entries()) {
      const user = world.directory.user(userId);
      yield {
        ResourceID: FIRST_USER_RESOURCE_ID + i,
        Name: user ? `CONTOSO\\${user.userPrincipalName.split('@')[0] ?? ''}` : userId,
        CollectionID: collection.id,
        ResourceType: 4,
        IsClient: false,
        SiteCode: SITE_CODE,
        Domain: 'CONTOSO',
        IsDirect: true,
      };
    }
    return;
  }
  for (const index of memberIndices(collection)) {
    const device = deviceAt(index);
    yield {
      ResourceID: device.resourceId,
      Name: device.name,
      CollectionID: collection.id,
      ResourceType: 5,
      IsClient: device.isClient,
      SiteCode: SITE_CODE,
      Domain: 'CONTOSO',
      IsDirect: !collection.isBuiltIn,
      IsActive: true,
      IsObsolete: false,
      IsBlocked: false,
    };
  }
}

export function tenantRows(world: World): Row[] {
  if (!world.cloud.attached) return [];
  const environment = AZURE_ENVIRONMENTS.find((e) => e.EnvironmentName === world.facts.environment);
  return [
    {
      ID: 16777217,
      Name: 'Contoso',
      TenantID: SANDBOX_TENANT_ID,
      Environment: environment?.ID ?? 1,
      SiteCode: SITE_CODE,
      IsDefault: true,
      LastUpdateTime: world.clock.nowIso(),
    },
  ];
}

export function aadGroupMappingRows(world: World): Row[] {
  return world.cloud.enabledCollectionIds().map((id) => ({
    AADGroupID: '',
    AADGroupName: '',
    CloudServiceID: 16777217,
    CollectionSiteID: id,
    Flag: ES_SYNC_FLAG,
    LastSyncStatus: 0,
    LastSyncTime: world.clock.nowIso(),
  }));
}
