import type { Tri } from '../../core/ports/configmgr-gateway.js';
import type { CollectionListing, CollectionRow } from '../../core/workflow/collection-listing.js';
import { describeScope } from '../../core/workflow/upload-scope.js';

/** What the collections.page button sends back: everything needed to rebuild a page. */
export interface CollectionsPageData {
  readonly page: number;
  readonly filter?: string;
  readonly enabled?: boolean;
}

export interface CollectionsView {
  readonly title: string;
  readonly summary: string;
  readonly scopeLine: string;
  readonly rows: readonly { title: string; details: string }[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly notes: readonly string[];
  readonly hasNotes: boolean;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousData: CollectionsPageData;
  readonly nextData: CollectionsPageData;
}

/** Long names are cut so twenty rows always fit a Teams card (28 KB). */
export const MAX_NAME_LENGTH = 80;

export function toCollectionsView(listing: CollectionListing): CollectionsView {
  const { page, filter, enabledOnly } = listing.query;
  const pageData = (target: number): CollectionsPageData => ({
    page: target,
    ...(filter ? { filter } : {}),
    ...(enabledOnly ? { enabled: true } : {}),
  });
  return {
    title: enabledOnly ? 'Collections enabled for endpoint security' : 'Device collections',
    summary: [`Page ${page}`, filter ? `names starting with "${shorten(filter)}"` : undefined]
      .filter((part) => part !== undefined)
      .join(' · '),
    scopeLine: scopeLine(listing),
    rows: listing.rows.map(toRowView),
    isEmpty: listing.rows.length === 0,
    emptyText: emptyText(listing),
    notes: [...listing.notes],
    hasNotes: listing.notes.length > 0,
    hasPrevious: page > 1,
    hasNext: listing.hasNext,
    previousData: pageData(Math.max(1, page - 1)),
    nextData: pageData(page + 1),
  };
}

function toRowView(row: CollectionRow): { title: string; details: string } {
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
