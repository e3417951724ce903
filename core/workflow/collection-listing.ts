import { fail, gatewayError, ok, type Result } from '../errors/gateway-error.js';
import type { CollectionSummary, Tri, UploadScope } from '../ports/configmgr-gateway.js';
import type { SyncedCollection } from '../ports/intune-collections.js';
import type { TenantServices } from '../tenant-services.js';
import { gatewayProblem, toUserFacingError } from './problems.js';
import { readSyncedCollections, type SyncedRead } from './synced-collections.js';
import { sameCollectionId, scopeCovers } from './upload-scope.js';

export const COLLECTIONS_PAGE_SIZE = 20;

export interface CollectionListingQuery {
  /** Names starting with this (the AdminService filters with startswith). */
  readonly filter?: string;
  /** Only collections Intune lists, i.e. enabled for endpoint security and synced. */
  readonly enabledOnly: boolean;
  /** 1-based. */
  readonly page: number;
  /** The total counted when page 1 was shown (the page buttons carry it), so paging does not count again. */
  readonly knownTotal?: number;
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
  /** Every collection the query matches, over all pages; absent when it could not be counted. */
  readonly total?: number;
  readonly attached: Tri;
  readonly uploadScope: UploadScope;
  /** What could not be read, said once each in plain words. */
  readonly notes: readonly string[];
  /** The service's own words for those notes (error codes), for a Details part. */
  readonly details: readonly string[];
}

interface AttachFacts {
  readonly attached: Tri;
  readonly uploadScope: UploadScope;
}

/**
 * One page of device collections with their tenant-attach state, in two round trips: the attach state and the page
 * of collections are read together; then Intune's synced rows (once attached) and the Cloud Sync settings of exactly
 * the page's ids, each in one query (never one request per row). The total is counted beside both rounds.
 */
export async function listCollectionPage(
  services: TenantServices,
  query: CollectionListingQuery,
): Promise<CollectionListing> {
  const notes = new ListingNotes();
  if (query.enabledOnly) return enabledPage(services, query, await readAttachFacts(services, notes), notes);
  const counting = countMatching(services, query);
  const [attach, listed] = await Promise.all([
    readAttachFacts(services, notes),
    services.configMgr.listCollections({
      type: 'device',
      ...(query.filter ? { nameStartsWith: query.filter } : {}),
      top: COLLECTIONS_PAGE_SIZE,
      skip: (query.page - 1) * COLLECTIONS_PAGE_SIZE,
    }),
  ]);
  if (!listed.ok) throw toUserFacingError(gatewayProblem(listed.error, 'list device collections'));
  const collections = listed.value.items;
  const ids = collections.map((collection) => collection.id);
  const [synced, cloudSync] = await Promise.all([
    attach.attached === false ? undefined : readSyncedFor(services, ids, notes),
    readCloudSync(services, ids, notes),
  ]);
  const counted = await counting;
  const rows = collections.map((collection) => ({
    id: collection.id,
    name: collection.name,
    memberCount: collection.memberCount,
    inUploadScope: attach.attached === false ? false : scopeCovers(attach.uploadScope, collection),
    syncedToIntune: attach.attached === false ? false : syncedState(synced, collection.id),
    endpointSecurity: cloudSync.get(collection.id.toUpperCase()) ?? 'unknown',
  }));
  if (!counted.ok) notes.add('The total number of collections could not be counted.', `count: ${counted.error.code}`);
  return {
    query,
    rows,
    hasNext: listed.value.next !== undefined,
    ...(counted.ok ? { total: counted.value } : {}),
    ...attach,
    ...notes.said(),
  };
}

/**
 * The total over all pages, counted beside the page's own reads and awaited only when the card is put together: the
 * count takes several rounds on a large hierarchy, and the page's second round (synced rows, Cloud Sync) must not wait
 * for it. Never rejects: an unexpected throw becomes a failed count, so it cannot go unhandled while the page is read.
 */
async function countMatching(services: TenantServices, query: CollectionListingQuery): Promise<Result<number>> {
  if (query.knownTotal !== undefined) return ok(query.knownTotal);
  try {
    return await services.configMgr.countCollections({
      type: 'device',
      ...(query.filter ? { nameStartsWith: query.filter } : {}),
    });
  } catch (error) {
    return fail(gatewayError('Unexpected', error instanceof Error ? error.message : 'the count failed'));
  }
}

async function enabledPage(
  services: TenantServices,
  query: CollectionListingQuery,
  attach: AttachFacts,
  notes: ListingNotes,
): Promise<CollectionListing> {
  if (attach.attached === false) return { query, rows: [], hasNext: false, total: 0, ...attach, ...notes.said() };
  const synced = await readAllSynced(services, notes);
  const prefix = query.filter?.toLowerCase() ?? '';
  const matching = (synced?.items ?? [])
    .filter((item) => item.displayName.toLowerCase().startsWith(prefix))
    .sort((left, right) => left.displayName.localeCompare(right.displayName));
  const start = (query.page - 1) * COLLECTIONS_PAGE_SIZE;
  const shown = matching.slice(start, start + COLLECTIONS_PAGE_SIZE);
  const ids = shown.map((item) => item.collectionId);
  const [collections, cloudSync] = await Promise.all([
    collectionsOf(services, shown, notes),
    readCloudSync(services, ids, notes),
  ]);
  const rows = collections.map((collection) => ({
    id: collection.id,
    name: collection.name,
    ...(collection.memberCount === undefined ? {} : { memberCount: collection.memberCount }),
    inUploadScope: true as const,
    syncedToIntune: true as const,
    endpointSecurity: cloudSync.get(collection.id.toUpperCase()) ?? ('unknown' as const),
  }));
  return {
    query,
    rows,
    hasNext: matching.length > start + COLLECTIONS_PAGE_SIZE,
    ...(synced?.complete === false ? {} : { total: matching.length }),
    ...attach,
    ...notes.said(),
  };
}

async function readAttachFacts(services: TenantServices, notes: ListingNotes): Promise<AttachFacts> {
  const state = await services.configMgr.getTenantAttachState();
  if (state.ok) return { attached: state.value.attached, uploadScope: state.value.uploadScope };
  notes.add(
    'The tenant attach state could not be read, so upload scope may show as unknown.',
    `tenant attach state: ${state.error.code}`,
  );
  return { attached: 'unknown', uploadScope: { kind: 'unknown' } };
}

/** Intune's rows for exactly these ids: complete for them, so an id not returned is not synced. */
async function readSyncedFor(
  services: TenantServices,
  ids: readonly string[],
  notes: ListingNotes,
): Promise<SyncedRead | undefined> {
  if (ids.length === 0) return { items: [], complete: true };
  try {
    return { items: await services.intuneCollections.findSyncedCollections(ids), complete: true };
  } catch {
    notes.add("Intune's list of synced collections could not be read, so synced to Intune may show as unknown.");
    return undefined;
  }
}

async function readAllSynced(services: TenantServices, notes: ListingNotes): Promise<SyncedRead | undefined> {
  try {
    const read = await readSyncedCollections(services.intuneCollections);
    if (!read.complete) notes.add("Intune's synced list is long; only its first part was read.");
    return read;
  } catch {
    notes.add("Intune's list of synced collections could not be read.");
    return undefined;
  }
}

function syncedState(synced: SyncedRead | undefined, collectionId: string): Tri {
  if (synced === undefined) return 'unknown';
  if (synced.items.some((item) => sameCollectionId(item.collectionId, collectionId))) return true;
  return synced.complete ? false : 'unknown';
}

type ShownCollection = Pick<CollectionSummary, 'id' | 'name'> & { readonly memberCount?: number };

/** The ConfigMgr rows of the shown synced collections in one query; a row ConfigMgr does not return keeps Intune's name. */
async function collectionsOf(
  services: TenantServices,
  items: readonly SyncedCollection[],
  notes: ListingNotes,
): Promise<ShownCollection[]> {
  const fallback = (item: SyncedCollection): ShownCollection => ({ id: item.collectionId, name: item.displayName });
  if (items.length === 0) return [];
  const read = await services.configMgr.listCollections({ ids: items.map((item) => item.collectionId) });
  if (!read.ok) {
    notes.add(
      'Some collections could not be read from ConfigMgr; their names come from Intune.',
      `collections: ${read.error.code}`,
    );
    return items.map(fallback);
  }
  return items.map(
    (item) =>
      read.value.items.find((collection) => sameCollectionId(collection.id, item.collectionId)) ?? fallback(item),
  );
}

/** Endpoint-security state by upper-cased collection id, from one read for the whole page. */
async function readCloudSync(
  services: TenantServices,
  ids: readonly string[],
  notes: ListingNotes,
): Promise<Map<string, Tri>> {
  if (ids.length === 0) return new Map();
  const states = await services.configMgr.listCollectionCloudSync(ids);
  if (!states.ok) {
    notes.add(
      'ConfigMgr did not say whether some collections are enabled for endpoint security, so they show as unknown.',
      `Cloud Sync settings: ${states.error.code}`,
    );
    return new Map();
  }
  return new Map(states.value.map((state) => [state.collectionId.toUpperCase(), state.endpointSecurityEnabled]));
}

/** What could not be read: each plain note once, and the service's words for the Details part. */
class ListingNotes {
  private readonly notes: string[] = [];
  private readonly details: string[] = [];

  add(note: string, detail?: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
    if (detail !== undefined && !this.details.includes(detail)) this.details.push(detail);
  }

  said(): { notes: string[]; details: string[] } {
    return { notes: [...this.notes], details: [...this.details] };
  }
}
