import type { z } from 'zod';
import { countByProbing } from './count-by-probing.js';
import { fail, gatewayError, ok, type Result } from '../../core/errors/gateway-error.js';
import type { CollectionMember, CollectionQuery, CollectionSummary, Page } from '../../core/ports/configmgr-gateway.js';
import { orFilters } from '../odata/or-filters.js';
import { odataLiteral } from './collection-id.js';
import type { WmiReader } from './wmi-reader.js';
import { collectionIdRowSchema, collectionRowSchema, memberRowSchema } from './wmi-schemas.js';

const DEFAULT_TOP = 100;
const MAX_TOP = 500;
const COLLECTION_SELECT =
  'CollectionID,Name,CollectionType,MemberCount,LocalMemberCount,LimitToCollectionID,LastRefreshTime';
const collectionTypes = { user: 1, device: 2 } as const;

export function toCollectionSummary(row: z.infer<typeof collectionRowSchema>): CollectionSummary {
  return {
    id: row.CollectionID,
    name: row.Name,
    type: row.CollectionType === 2 ? 'device' : row.CollectionType === 1 ? 'user' : 'other',
    memberCount: row.MemberCount,
    ...(row.LocalMemberCount == null ? {} : { localMemberCount: row.LocalMemberCount }),
    ...(row.LimitToCollectionID ? { limitToCollectionId: row.LimitToCollectionID } : {}),
    ...(row.LastRefreshTime ? { lastRefresh: row.LastRefreshTime } : {}),
  };
}

export async function listCollections(
  wmi: WmiReader,
  query: CollectionQuery,
): Promise<Result<Page<CollectionSummary>>> {
  if (query.ids !== undefined) return listCollectionsById(wmi, query.ids);
  const filter = collectionFilter(query);
  const page = pageOf(query);
  const rows = await wmi.list(
    '/wmi/SMS_Collection',
    {
      $select: COLLECTION_SELECT,
      ...(filter ? { $filter: filter } : {}),
      $orderby: 'Name',
      ...window(page),
    },
    collectionRowSchema,
  );
  return rows.ok ? ok(toPage(rows.value.map(toCollectionSummary), page)) : rows;
}

/** Counts matching collections from their ids, one request a read, in a few parallel rounds (count-by-probing.ts). */
export async function countCollections(
  wmi: WmiReader,
  query: Pick<CollectionQuery, 'type' | 'nameStartsWith'>,
): Promise<Result<number>> {
  const filter = collectionFilter(query);
  return countByProbing(async (skip, top) => {
    const page = await wmi.page(
      '/wmi/SMS_Collection',
      { $select: 'CollectionID', ...(filter ? { $filter: filter } : {}), $top: String(top), $skip: String(skip) },
      collectionIdRowSchema,
    );
    return page.ok
      ? ok({ rows: page.value.rows.length, cutShort: page.value.more && page.value.rows.length < top })
      : page;
  });
}

function collectionFilter(query: Pick<CollectionQuery, 'type' | 'nameStartsWith'>): string | undefined {
  const filters = [
    query.type === undefined ? undefined : `CollectionType eq ${collectionTypes[query.type]}`,
    query.nameStartsWith ? `startswith(Name,${odataLiteral(query.nameStartsWith)})` : undefined,
  ].filter((clause) => clause !== undefined);
  return filters.length > 0 ? filters.join(' and ') : undefined;
}

/** One query per chunk of ids (`CollectionID eq 'A' or …`), the chunks in parallel. Ids must be valid collection ids. */
async function listCollectionsById(wmi: WmiReader, ids: readonly string[]): Promise<Result<Page<CollectionSummary>>> {
  const pages = await Promise.all(
    orFilters(ids.map((id) => `CollectionID eq ${odataLiteral(id)}`)).map((filter) =>
      wmi.list('/wmi/SMS_Collection', { $select: COLLECTION_SELECT, $filter: filter }, collectionRowSchema),
    ),
  );
  const items: CollectionSummary[] = [];
  for (const page of pages) {
    if (!page.ok) return page;
    items.push(...page.value.map(toCollectionSummary));
  }
  return ok({ items });
}

export async function listCollectionMembers(
  wmi: WmiReader,
  collectionId: string,
  requested: { top: number; skip: number } | undefined,
): Promise<Result<Page<CollectionMember>>> {
  const page = pageOf(requested ?? {});
  const rows = await wmi.list(
    '/wmi/SMS_FullCollectionMembership',
    {
      $filter: `CollectionID eq ${odataLiteral(collectionId)}`,
      $select: 'ResourceID,Name,IsClient,SiteCode',
      $orderby: 'ResourceID',
      ...window(page),
    },
    memberRowSchema,
  );
  if (!rows.ok) return rows;
  if (rows.value.length === 0 && page.skip === 0) {
    const exists = await wmi.list(`/wmi/SMS_Collection(${odataLiteral(collectionId)})`, {}, collectionRowSchema, {
      collectionId,
    });
    if (!exists.ok) return exists;
    if (exists.value.length === 0)
      return fail(gatewayError('CollectionNotFound', `collection ${collectionId} does not exist`));
  }
  return ok(toPage(rows.value.map(toMember), page));
}

function toMember(row: z.infer<typeof memberRowSchema>): CollectionMember {
  return {
    resourceId: row.ResourceID,
    name: row.Name,
    isClient: row.IsClient ?? false,
    ...(row.SiteCode ? { siteCode: row.SiteCode } : {}),
  };
}

function pageOf(query: { top?: number; skip?: number }): { top: number; skip: number } {
  return { top: Math.min(Math.max(1, query.top ?? DEFAULT_TOP), MAX_TOP), skip: Math.max(0, query.skip ?? 0) };
}

/** Asks for one row more than the page so "is there a next page" needs no extra call. */
function window(page: { top: number; skip: number }): Record<string, string> {
  return { $top: String(page.top + 1), $skip: String(page.skip) };
}

function toPage<T>(rows: T[], page: { top: number; skip: number }): Page<T> {
  return rows.length > page.top
    ? { items: rows.slice(0, page.top), next: { skip: page.skip + page.top, top: page.top } }
    : { items: rows };
}
