import { z } from 'zod';
import type { IntuneCollections, PolicySummaryOutcome, SyncedCollection } from '../../core/ports/intune-collections.js';
import type { GraphHttp } from './graph-http.js';
import { orFilters } from '../odata/or-filters.js';
import { odataString } from './odata-string.js';
import { parseItems, parseReply } from './parse-reply.js';

const collectionSchema = z.object({
  id: z.string(),
  collectionIdentifier: z.string(),
  displayName: z.string().nullish(),
  hierarchyIdentifier: z.string().nullish(),
  hierarchyName: z.string().nullish(),
  lastModifiedDateTime: z.string().nullish(),
});

const countsSchema = z.object({
  targetedDeviceCount: z.number(),
  compliantDeviceCount: z.number(),
  nonCompliantDeviceCount: z.number(),
  failedDeviceCount: z.number(),
  pendingDeviceCount: z.number(),
  enforcedDeviceCount: z.number(),
});
/** The doc example wraps the summary in `value` (graph-intune.md §6.1); accept both shapes. */
const summarySchema = z.union([z.object({ value: countsSchema }).transform((body) => body.value), countsSchema]);

export function createGraphIntuneCollections(http: GraphHttp): IntuneCollections {
  return {
    async listSyncedCollections(page) {
      const operation = 'list synced ConfigMgr collections';
      const raw = await http.getPage(
        {
          operation,
          path: '/deviceManagement/configManagerCollections',
          ...(page?.pageSize === undefined ? {} : { query: { $top: page.pageSize } }),
        },
        page?.cursor,
      );
      return {
        items: parseItems(collectionSchema, raw.items, operation).map(toSyncedCollection),
        ...(raw.nextLink === undefined ? {} : { cursor: raw.nextLink }),
      };
    },
    async findSyncedCollections(collectionIds) {
      const operation = 'find synced ConfigMgr collections';
      if (collectionIds.length === 0) return [];
      const pages = await Promise.all(
        syncedCollectionFilters(collectionIds).map((filter) =>
          http.getAll({ operation, path: '/deviceManagement/configManagerCollections', query: { $filter: filter } }),
        ),
      );
      return parseItems(collectionSchema, pages.flat(), operation).map(toSyncedCollection);
    },
    async getPolicySummaries(policyIds) {
      const operation = 'get policy summaries';
      const distinct = [...new Set(policyIds)];
      const outcomes = await http.batch(
        operation,
        distinct.map((policyId, index) => ({
          id: String(index + 1),
          method: 'GET' as const,
          url: `deviceManagement/configManagerCollections/getPolicySummary(policyId='${odataString(policyId)}')`,
        })),
      );
      return outcomes.map((outcome, index): PolicySummaryOutcome => {
        const policyId = distinct[index] ?? '';
        if (!outcome.ok) return { policyId, ok: false, error: outcome.error };
        try {
          const counts = parseReply(summarySchema, { body: outcome.body, clientRequestId: '' }, operation);
          return {
            policyId,
            ok: true,
            counts: {
              targeted: counts.targetedDeviceCount,
              compliant: counts.compliantDeviceCount,
              nonCompliant: counts.nonCompliantDeviceCount,
              failed: counts.failedDeviceCount,
              pending: counts.pendingDeviceCount,
              enforced: counts.enforcedDeviceCount,
            },
          };
        } catch (error) {
          return { policyId, ok: false, error: error instanceof Error ? error : new Error(String(error)) };
        }
      });
    },
  };
}

/**
 * GUESS (graph-intune.md §3 lists the properties but no `$filter` support): configManagerCollections is filtered with
 * `collectionIdentifier eq '…' or …` like other Intune lists; chunked to URL limits by orFilters.
 */
export function syncedCollectionFilters(collectionIds: readonly string[]): string[] {
  return orFilters(collectionIds.map((id) => `collectionIdentifier eq '${odataString(id)}'`));
}

function toSyncedCollection(row: z.infer<typeof collectionSchema>): SyncedCollection {
  const modified = row.lastModifiedDateTime ? new Date(row.lastModifiedDateTime) : undefined;
  return {
    id: row.id,
    collectionId: row.collectionIdentifier,
    displayName: row.displayName ?? row.collectionIdentifier,
    hierarchy: {
      ...(row.hierarchyIdentifier == null ? {} : { id: row.hierarchyIdentifier }),
      ...(row.hierarchyName == null ? {} : { name: row.hierarchyName }),
    },
    ...(modified === undefined || Number.isNaN(modified.getTime()) ? {} : { lastModified: modified }),
  };
}
