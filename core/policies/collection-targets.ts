import type { CollectionSummary } from '../ports/configmgr-gateway.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { ambiguousCollectionNotice } from '../workflow/ambiguous-collection.js';
import { gatewayProblem, toUserFacingError } from '../workflow/problems.js';
import { requireDeviceCollection, resolveCollection } from '../workflow/resolve-collection.js';
import { readSyncedCollections } from '../workflow/synced-collections.js';
import { sameCollectionId } from '../workflow/upload-scope.js';
import type { PlannedTarget } from './planned-target.js';

/** Looking for a few collections may read up to 50 pages of 100 synced rows, as `enable` does. */
const MAX_SYNCED_PAGES = 50;

type CollectionServices = Pick<TenantServices, 'configMgr' | 'intuneCollections'>;

/**
 * ConfigMgr collections by ID or exact name that a ConfigMgr policy can be assigned to: device collections whose
 * Cloud Sync endpoint security option is on and that Intune lists as synced. Anything else names the missing step.
 */
export async function resolveCollectionTargets(
  services: CollectionServices,
  typed: readonly string[],
  command: string,
): Promise<PlannedTarget[]> {
  const collections: CollectionSummary[] = [];
  for (const text of typed) collections.push(await resolveOne(services, text, command));
  await requireSynced(services, collections);
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
  const collection = requireDeviceCollection(resolution.collection);
  const cloudSync = await services.configMgr.getCollectionCloudSync(collection.id);
  if (!cloudSync.ok)
    throw toUserFacingError(gatewayProblem(cloudSync.error, `read the Cloud Sync settings of ${collection.id}`));
  if (cloudSync.value.endpointSecurityEnabled === false) throw notEnabled(collection);
  return collection;
}

async function requireSynced(services: CollectionServices, collections: readonly CollectionSummary[]): Promise<void> {
  if (collections.length === 0) return;
  const listed = (items: readonly { collectionId: string }[], collection: CollectionSummary): boolean =>
    items.some((item) => sameCollectionId(item.collectionId, collection.id));
  const read = await readSyncedCollections(
    services.intuneCollections,
    (items) => collections.every((collection) => listed(items, collection)),
    MAX_SYNCED_PAGES,
  );
  const missing = collections.find((collection) => !listed(read.items, collection));
  if (missing) throw notSynced(missing);
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
