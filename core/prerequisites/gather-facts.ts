import type { Result } from '../errors/gateway-error.js';
import type { CloudSyncState } from '../ports/configmgr-gateway.js';
import type { TenantServices } from '../tenant-services.js';
import { candidateCollections } from './candidate-collections.js';
import {
  failedFact,
  readFact,
  skippedFact,
  type CollectionCloudSync,
  type Fact,
  type GlobalAdministratorRole,
  type PrerequisiteFacts,
  type Requester,
  type SyncedCollections,
} from './facts.js';
import { fromGatewayError, fromThrown } from './read-failure.js';
import type { Profile } from './rule-result.js';

/** Synced collections are paged until this many rows; enough to find the ones a check looks at. */
export const MAX_SYNCED_COLLECTIONS_READ = 500;

export interface GatherOptions {
  readonly profile: Profile;
  readonly requester: Requester;
  readonly now: Date;
  readonly targetCollectionIds?: readonly string[];
}

/** Reads every port at once; a failed read becomes that fact's failure and never loses the others. */
export async function gatherFacts(tenant: TenantServices, options: GatherOptions): Promise<PrerequisiteFacts> {
  const { configMgr } = tenant;
  const userId = options.requester.aadObjectId;
  const intuneApprovals = tenant.intuneApprovals;
  const accessPoliciesRead = intuneApprovals
    ? fromPromise(() => intuneApprovals.listAccessPolicies(), 'list the Intune Multi Admin Approval access policies')
    : undefined;
  // Not awaited with the rest: its eligibility read (only for someone without the active role) runs beside the Cloud
  // Sync read below, so it adds no round trip to check.
  const globalAdministratorRead =
    userId === undefined
      ? Promise.resolve(skippedFact<never>('The request carries no Azure AD object id.'))
      : readGlobalAdministrator(tenant, userId);
  const [site, updates, tenantAttach, defender, cloud, syncedCollections] = await Promise.all([
    fromResult(() => configMgr.getSiteInfo(), 'read the ConfigMgr site (SMS_Site)'),
    options.profile === 'antivirus'
      ? Promise.resolve(skippedFact<never>('The 2002 hotfix only matters for EDR policy.'))
      : fromResult(() => configMgr.listUpdatePackages(), 'read the ConfigMgr updates (SMS_CM_UpdatePackages)'),
    fromResult(() => configMgr.getTenantAttachState(), 'read the ConfigMgr tenant attach state'),
    fromPromise(() => tenant.defenderConnector.getDefenderConnector(), 'read the Defender for Endpoint connector'),
    fromPromise(
      () => tenant.cloudEnvironment.getCloudEnvironment(),
      "read the tenant's cloud from the identity platform",
    ),
    fromPromise(() => readSyncedCollections(tenant), 'list the collections synced to Intune'),
  ]);
  const accessPolicies = await accessPoliciesRead;
  const targetCollectionIds = options.targetCollectionIds ?? [];
  const candidates = candidateCollections(targetCollectionIds, tenantAttach, syncedCollections);
  const [cloudSync, globalAdministrator] = await Promise.all([
    candidates.status === 'read'
      ? readCloudSync(tenant, candidates.value).then((states) => readFact(states))
      : Promise.resolve(candidates),
    globalAdministratorRead,
  ]);
  return {
    // The tenant's time once it answered, so "Checked …" and the connector's heartbeat are on one clock.
    now: tenant.time?.now() ?? options.now,
    requester: options.requester,
    targetCollectionIds,
    site,
    updates,
    tenantAttach,
    defender,
    cloud,
    globalAdministrator,
    syncedCollections,
    cloudSync,
    ...(accessPolicies === undefined ? {} : { accessPolicies }),
  };
}

/** The active role first; eligibility only when it is not active, so a Global Administrator costs one read. */
async function readGlobalAdministrator(tenant: TenantServices, userId: string): Promise<Fact<GlobalAdministratorRole>> {
  const active = await fromPromise(() => tenant.directory.isGlobalAdministrator(userId), 'read your directory roles');
  if (active.status !== 'read') return active;
  if (active.value) return readFact({ active: true });
  const eligibility = await fromPromise(
    () => tenant.directory.globalAdministratorEligibility(userId),
    'read your Privileged Identity Management eligibility',
  );
  return readFact({ active: false, eligibility });
}

async function readSyncedCollections(tenant: TenantServices): Promise<SyncedCollections> {
  const items: SyncedCollections['items'][number][] = [];
  let cursor: string | undefined;
  do {
    const page = await tenant.intuneCollections.listSyncedCollections(cursor === undefined ? {} : { cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined && items.length < MAX_SYNCED_COLLECTIONS_READ);
  return { items, truncated: cursor !== undefined };
}

/** One read for every candidate collection (the gateway chunks it), never one request per collection. */
async function readCloudSync(tenant: TenantServices, collectionIds: readonly string[]): Promise<CollectionCloudSync[]> {
  if (collectionIds.length === 0) return [];
  const what = (collectionId: string): string => `read the Cloud Sync settings of ${collectionId}`;
  let states: Result<readonly CloudSyncState[]>;
  try {
    states = await tenant.configMgr.listCollectionCloudSync(collectionIds);
  } catch (error) {
    return collectionIds.map((collectionId) => ({
      collectionId,
      cloudSync: failedFact(fromThrown(error, what(collectionId))),
    }));
  }
  if (!states.ok) {
    const { error } = states;
    return collectionIds.map((collectionId) => ({
      collectionId,
      cloudSync: failedFact(fromGatewayError(error, what(collectionId))),
    }));
  }
  const byId = new Map(states.value.map((state) => [state.collectionId.toUpperCase(), state]));
  return collectionIds.map((collectionId) => {
    const state = byId.get(collectionId.toUpperCase());
    return {
      collectionId,
      cloudSync:
        state === undefined
          ? skippedFact<CloudSyncState>(`ConfigMgr returned no Cloud Sync settings for ${collectionId}.`)
          : readFact(state),
    };
  });
}

async function fromResult<T>(read: () => Promise<Result<T>>, what: string): Promise<Fact<T>> {
  try {
    const result = await read();
    return result.ok ? readFact(result.value) : failedFact(fromGatewayError(result.error, what));
  } catch (error) {
    return failedFact(fromThrown(error, what));
  }
}

async function fromPromise<T>(read: () => Promise<T>, what: string): Promise<Fact<T>> {
  try {
    return readFact(await read());
  } catch (error) {
    return failedFact(fromThrown(error, what));
  }
}
