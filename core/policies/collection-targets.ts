import type { CollectionSummary } from '../ports/configmgr-gateway.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { ambiguousCollectionNotice } from '../workflow/ambiguous-collection.js';
import { gatewayProblem, toUserFacingError } from '../workflow/problems.js';
import { requireDeviceCollection, resolveCollection } from '../workflow/resolve-collection.js';
import { sameCollectionId } from '../workflow/upload-scope.js';
import type { PlannedTarget } from './planned-target.js';

type CollectionServices = Pick<TenantServices, 'configMgr' | 'intuneCollections'>;

/**
 * ConfigMgr collections by ID or exact name that a ConfigMgr policy can be assigned to: device collections whose
 * Cloud Sync endpoint security option is on and that Intune lists as synced. Anything else names the missing step.
 * Two round trips whatever the count: every collection is resolved at once, then the Cloud Sync settings and Intune's
 * synced rows of all of them are read together.
 */
export async function resolveCollectionTargets(
  services: CollectionServices,
  typed: readonly string[],
  command: string,
): Promise<PlannedTarget[]> {
  const collections = firstFailureInOrder(
    await Promise.allSettled(typed.map((text) => resolveOne(services, text, command))),
  );
  await requireEnabledAndSynced(services, collections);
  return collections.map((collection) => ({
    target: { kind: 'collection', collectionId: collection.id },
    label: collectionLabel(collection),
    devices: collection.memberCount,
  }));
}

export function collectionLabel(collection: Pick<CollectionSummary, 'id' | 'name'>): string {
  return `Collection ${collection.name} (${collection.id})`;
}

async function resolveOne(services: CollectionServices, text: string, command: string): Promise<CollectionSummary> {
  const resolution = await resolveCollection(services.configMgr, text);
  if (resolution.kind === 'ambiguous') {
    const notice = ambiguousCollectionNotice(resolution.name, resolution.matches, command);
    throw new UserFacingError(notice.title, notice.message);
  }
  return requireDeviceCollection(resolution.collection);
}

async function requireEnabledAndSynced(
  services: CollectionServices,
  collections: readonly CollectionSummary[],
): Promise<void> {
  if (collections.length === 0) return;
  const ids = collections.map((collection) => collection.id);
  const [cloudSync, synced] = await Promise.all([
    services.configMgr.listCollectionCloudSync(ids),
    services.intuneCollections.findSyncedCollections(ids),
  ]);
  if (!cloudSync.ok)
    throw toUserFacingError(gatewayProblem(cloudSync.error, `read the Cloud Sync settings of ${ids.join(', ')}`));
  for (const collection of collections) {
    const state = cloudSync.value.find((candidate) => sameCollectionId(candidate.collectionId, collection.id));
    if (state?.endpointSecurityEnabled === false) throw notEnabled(collection);
  }
  const missing = collections.find(
    (collection) => !synced.some((item) => sameCollectionId(item.collectionId, collection.id)),
  );
  if (missing) throw notSynced(missing);
}

/** Settled results in input order: the values, or the first failure in the order the user typed them. */
function firstFailureInOrder<T>(results: readonly PromiseSettledResult<T>[]): T[] {
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

function notEnabled(collection: CollectionSummary): UserFacingError {
  return new UserFacingError(
    'Collection not enabled for endpoint security',
    `${collection.name} (${collection.id}) is not enabled for endpoint security policies: its Cloud Sync option "Make this collection available to assign Endpoint security policies" is off, so Intune cannot target it.`,
    `Type enable ${collection.id} first; it guides the console step and waits until Intune lists the collection. Then assign again.`,
  );
}

function notSynced(collection: CollectionSummary): UserFacingError {
  return new UserFacingError(
    'Collection not synced to Intune',
    `Intune does not list ${collection.name} (${collection.id}) among the collections synced through tenant attach, so a policy cannot be assigned to it yet.`,
    `Type enable ${collection.id}: it checks the upload scope and the Cloud Sync option and waits for the sync (uploads run every 15 minutes). Then assign again.`,
  );
}
