import type { CollectionSummary, Tri, UploadScope } from '../ports/configmgr-gateway.js';
import type { SyncedCollection } from '../ports/intune-collections.js';
import type { TenantServices } from '../tenant-services.js';
import { gatewayProblem, toUserFacingError } from './problems.js';
import { readSyncedCollections, type SyncedRead } from './synced-collections.js';
import { sameCollectionId, scopeCovers } from './upload-scope.js';

export const COLLECTIONS_PAGE_SIZE = 20;
/** Cloud Sync reads run this many at a time. */
const CLOUD_SYNC_CONCURRENCY = 5;

export interface CollectionListingQuery {
  /** Names starting with this (the AdminService filters with startswith). */
  readonly filter?: string;
  /** Only collections Intune lists, i.e. enabled for endpoint security and synced. */
  readonly enabledOnly: boolean;
  /** 1-based. */
  readonly page: number;
}

export interface CollectionRow {
  readonly id: string;
  readonly name: string;
  readonly memberCount?: number;
  readonly inUploadScope: Tri;
  readonly syncedToIntune: Tri;
  readonly endpointSecurity: Tri;
}

export interface CollectionListing {
  readonly query: CollectionListingQuery;
  readonly rows: readonly CollectionRow[];
  readonly hasNext: boolean;
  readonly attached: Tri;
  readonly uploadScope: UploadScope;
  /** What could not be read, said once each. */
  readonly notes: readonly string[];
}

interface AttachFacts {
  readonly attached: Tri;
  readonly uploadScope: UploadScope;
}

/**
 * One page of device collections with their tenant-attach state. Reads only that page: one collection query, the
 * attach state, Intune's synced list (a bounded number of pages, stopping once every row is matched), and the Cloud
 * Sync settings of the rows shown.
 */
export async function listCollectionPage(
  services: TenantServices,
  query: CollectionListingQuery,
): Promise<CollectionListing> {
  const notes: string[] = [];
  const attach = await readAttachFacts(services, notes);
  if (query.enabledOnly) return enabledPage(services, query, attach, notes);
  const listed = await services.configMgr.listCollections({
    type: 'device',
    ...(query.filter ? { nameStartsWith: query.filter } : {}),
    top: COLLECTIONS_PAGE_SIZE,
    skip: (query.page - 1) * COLLECTIONS_PAGE_SIZE,
  });
  if (!listed.ok) throw toUserFacingError(gatewayProblem(listed.error, 'list device collections'));
  const collections = listed.value.items;
  const synced = attach.attached === false ? undefined : await readSynced(services, collections, notes);
  const rows = await withCloudSync(services, collections, notes, (collection) => ({
    id: collection.id,
    name: collection.name,
    memberCount: collection.memberCount,
    inUploadScope: attach.attached === false ? false : scopeCovers(attach.uploadScope, collection),
    syncedToIntune: attach.attached === false ? false : syncedState(synced, collection.id),
  }));
  return { query, rows, hasNext: listed.value.next !== undefined, ...attach, notes };
}

async function enabledPage(
  services: TenantServices,
  query: CollectionListingQuery,
  attach: AttachFacts,
  notes: string[],
): Promise<CollectionListing> {
  if (attach.attached === false) return { query, rows: [], hasNext: false, ...attach, notes };
  const synced = await readSynced(services, [], notes);
  const prefix = query.filter?.toLowerCase() ?? '';
  const matching = (synced?.items ?? [])
    .filter((item) => item.displayName.toLowerCase().startsWith(prefix))
    .sort((left, right) => left.displayName.localeCompare(right.displayName));
  const start = (query.page - 1) * COLLECTIONS_PAGE_SIZE;
  const shown = matching.slice(start, start + COLLECTIONS_PAGE_SIZE);
  const collections = await Promise.all(shown.map((item) => collectionOf(services, item, notes)));
  const rows = await withCloudSync(services, collections, notes, (collection) => ({
    id: collection.id,
    name: collection.name,
    ...(collection.memberCount === undefined ? {} : { memberCount: collection.memberCount }),
    inUploadScope: true,
    syncedToIntune: true,
  }));
  return { query, rows, hasNext: matching.length > start + COLLECTIONS_PAGE_SIZE, ...attach, notes };
}

async function readAttachFacts(services: TenantServices, notes: string[]): Promise<AttachFacts> {
  const state = await services.configMgr.getTenantAttachState();
  if (state.ok) return { attached: state.value.attached, uploadScope: state.value.uploadScope };
  notes.push(`Tenant attach state unreadable (${state.error.code}).`);
  return { attached: 'unknown', uploadScope: { kind: 'unknown' } };
}

async function readSynced(
  services: TenantServices,
  wanted: readonly CollectionSummary[],
  notes: string[],
): Promise<SyncedRead | undefined> {
  try {
    const all = (items: readonly SyncedCollection[]): boolean =>
      wanted.length > 0 &&
      wanted.every((collection) => items.some((item) => sameCollectionId(item.collectionId, collection.id)));
    const read = await readSyncedCollections(services.intuneCollections, all);
    if (!read.complete && !all(read.items)) notes.push("Intune's synced list is long; only its first part was read.");
    return read;
  } catch {
    notes.push("Intune's synced collections could not be read.");
    return undefined;
  }
}

function syncedState(synced: SyncedRead | undefined, collectionId: string): Tri {
  if (synced === undefined) return 'unknown';
  if (synced.items.some((item) => sameCollectionId(item.collectionId, collectionId))) return true;
  return synced.complete ? false : 'unknown';
}

type ShownCollection = Pick<CollectionSummary, 'id' | 'name'> & { readonly memberCount?: number };

async function collectionOf(
  services: TenantServices,
  item: SyncedCollection,
  notes: string[],
): Promise<ShownCollection> {
  const read = await services.configMgr.getCollection(item.collectionId);
  if (read.ok) return read.value;
  notConfirmed(notes, `Some collections could not be read from ConfigMgr (${read.error.code}).`);
  return { id: item.collectionId, name: item.displayName };
}

async function withCloudSync<C extends ShownCollection>(
  services: TenantServices,
  collections: readonly C[],
  notes: string[],
  toRow: (collection: C) => Omit<CollectionRow, 'endpointSecurity'>,
): Promise<CollectionRow[]> {
  const rows: CollectionRow[] = [];
  for (let start = 0; start < collections.length; start += CLOUD_SYNC_CONCURRENCY) {
    const batch = collections.slice(start, start + CLOUD_SYNC_CONCURRENCY);
    const states = await Promise.all(
      batch.map((collection) => services.configMgr.getCollectionCloudSync(collection.id)),
    );
    batch.forEach((collection, index) => {
      const state = states[index];
      if (state !== undefined && !state.ok)
        notConfirmed(notes, `Cloud Sync settings could not be read for some collections (${state.error.code}).`);
      rows.push({
        ...toRow(collection),
        endpointSecurity: state?.ok ? state.value.endpointSecurityEnabled : 'unknown',
      });
    });
  }
  return rows;
}

function notConfirmed(notes: string[], note: string): void {
  if (!notes.includes(note)) notes.push(note);
}
