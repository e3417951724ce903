import type { Tri } from '../../core/ports/configmgr-gateway.js';
import {
  COLLECTIONS_PAGE_SIZE,
  type CollectionListing,
  type CollectionRow,
} from '../../core/workflow/collection-listing.js';
import { describeScope } from '../../core/workflow/upload-scope.js';

/** What the collections.page button sends back: everything needed to rebuild a page. */
export interface CollectionsPageData {
  readonly page: number;
  readonly filter?: string;
  readonly enabled?: boolean;
  /** The total shown on this card, so the next page does not count again (display only; nothing is decided on it). */
  readonly total?: number;
}

/** What the Enable button sends: the collection only; the server checks the clicker's role and scope again. */
export interface CollectionEnableData {
  readonly collectionId: string;
}

export interface CollectionRowView {
  readonly title: string;
  readonly details: string;
  readonly canEnable: boolean;
  readonly enableData: CollectionEnableData;
}

export interface CollectionsView {
  readonly title: string;
  readonly summary: string;
  readonly scopeLine: string;
  readonly rows: readonly CollectionRowView[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly hasUnknown: boolean;
  readonly unknownText: string;
  readonly notes: readonly string[];
  readonly hasNotes: boolean;
  readonly details: readonly string[];
  readonly hasDetails: boolean;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousData: CollectionsPageData;
  readonly nextData: CollectionsPageData;
}

/** Long names are cut so twenty rows always fit a Teams card (28 KB). */
export const MAX_NAME_LENGTH = 80;

export const UNKNOWN_ENDPOINT_SECURITY =
  'Endpoint security "unknown" means ConfigMgr did not say whether the collection is enabled for endpoint security (its Cloud Sync setting could not be read), so AttachOps cannot tell. Type check to see what blocks the read, or press Enable (or type enable <collection>): it reads the setting again and, only if it is off, shows the console steps to turn it on.';

/**
 * The collections card for one page. `callerMayEnable`: the person the card is for holds the operator role; only then
 * do rows that can be enabled get an Enable button (the collections.enable verb checks the role again on each click).
 */
export function toCollectionsView(listing: CollectionListing, options: { callerMayEnable: boolean }): CollectionsView {
  const { page, filter, enabledOnly } = listing.query;
  const pageData = (target: number): CollectionsPageData => ({
    page: target,
    ...(filter ? { filter } : {}),
    ...(enabledOnly ? { enabled: true } : {}),
    ...(listing.total === undefined || enabledOnly ? {} : { total: listing.total }),
  });
  const enableable = options.callerMayEnable && listing.attached !== false;
  return {
    title: enabledOnly ? 'Collections enabled for endpoint security' : 'Device collections',
    summary: [pageLine(listing), filter ? `names starting with "${shorten(filter)}"` : undefined]
      .filter((part) => part !== undefined)
      .join(' · '),
    scopeLine: scopeLine(listing),
    rows: listing.rows.map((row) => toRowView(row, enableable)),
    isEmpty: listing.rows.length === 0,
    emptyText: emptyText(listing),
    hasUnknown: listing.rows.some((row) => row.endpointSecurity === 'unknown'),
    unknownText: UNKNOWN_ENDPOINT_SECURITY,
    notes: [...listing.notes],
    hasNotes: listing.notes.length > 0,
    details: [...listing.details],
    hasDetails: listing.details.length > 0,
    hasPrevious: page > 1,
    hasNext: listing.hasNext,
    previousData: pageData(Math.max(1, page - 1)),
    nextData: pageData(page + 1),
  };
}

/** "42 collections · page 2 of 3"; without a total, the page alone. */
export function pageLine(listing: CollectionListing): string {
  const { page } = listing.query;
  if (listing.total === undefined) return `Page ${page}`;
  const pages = Math.max(1, Math.ceil(listing.total / COLLECTIONS_PAGE_SIZE));
  const count = `${listing.total.toLocaleString('en-US')} ${listing.total === 1 ? 'collection' : 'collections'}`;
  return `${count} · page ${Math.min(page, pages)} of ${pages}`;
}

function toRowView(row: CollectionRow, enableable: boolean): CollectionRowView {
  const members =
    row.memberCount === undefined
      ? 'members unknown'
      : `${row.memberCount.toLocaleString('en-US')} ${row.memberCount === 1 ? 'member' : 'members'}`;
  return {
    title: `${shorten(row.name)} · ${row.id}`,
    details: [
      members,
      `upload scope: ${yesNo(row.inUploadScope)}`,
      `synced to Intune: ${yesNo(row.syncedToIntune)}`,
      `endpoint security: ${yesNo(row.endpointSecurity)}`,
    ].join(' · '),
    canEnable: enableable && row.endpointSecurity !== true,
    enableData: { collectionId: row.id },
  };
}

function scopeLine(listing: CollectionListing): string {
  if (listing.attached === false)
    return 'The hierarchy is not tenant attached: nothing is uploaded yet. Type attach to start.';
  return `Upload scope: ${describeScope(listing.uploadScope)}.`;
}

function emptyText(listing: CollectionListing): string {
  if (listing.query.page > 1) return 'No more collections.';
  if (listing.query.enabledOnly)
    return 'No collection is enabled for endpoint security yet. Type enable <collection> to enable one.';
  return listing.query.filter
    ? `No device collection name starts with "${shorten(listing.query.filter)}".`
    : 'No device collections.';
}

function yesNo(value: Tri): string {
  return value === 'unknown' ? 'unknown' : value ? 'yes' : 'no';
}

function shorten(text: string): string {
  return text.length > MAX_NAME_LENGTH ? `${text.slice(0, MAX_NAME_LENGTH - 1)}…` : text;
}
