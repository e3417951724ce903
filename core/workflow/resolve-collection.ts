import type { CollectionSummary, ConfigMgrGateway } from '../ports/configmgr-gateway.js';
import { UserFacingError } from '../user-facing-error.js';
import { gatewayProblem, notDeviceCollectionProblem, toUserFacingError } from './problems.js';

export { COLLECTION_ID_PATTERN } from '../identity/collection-id.js';
import { COLLECTION_ID_PATTERN } from '../identity/collection-id.js';

/** A name lookup reads at most this many rows whose name starts with the text. */
const NAME_PAGE_SIZE = 100;
const MAX_NAME_PAGES = 5;

export type CollectionResolution =
  | { readonly kind: 'found'; readonly collection: CollectionSummary }
  /** Several collections have that name: the command lists them back instead of guessing. */
  | { readonly kind: 'ambiguous'; readonly name: string; readonly matches: readonly CollectionSummary[] };

/** A collection by ID, or by exact name; an unknown one is a UserFacingError that says how to find it. */
export async function resolveCollection(gateway: ConfigMgrGateway, text: string): Promise<CollectionResolution> {
  const typed = text.trim();
  if (COLLECTION_ID_PATTERN.test(typed)) {
    const byId = await gateway.getCollection(typed.toUpperCase());
    if (byId.ok) return { kind: 'found', collection: byId.value };
    if (byId.error.code !== 'CollectionNotFound')
      throw toUserFacingError(gatewayProblem(byId.error, `read collection ${typed}`));
  }
  const matches = await collectionsNamed(gateway, typed);
  const [only] = matches;
  if (only === undefined) throw unknownCollection(typed);
  return matches.length === 1 ? { kind: 'found', collection: only } : { kind: 'ambiguous', name: typed, matches };
}

export function requireDeviceCollection(collection: CollectionSummary): CollectionSummary {
  if (collection.type !== 'device') throw toUserFacingError(notDeviceCollectionProblem(collection));
  return collection;
}

/** Exact matches first; only when none, names equal but for case. */
async function collectionsNamed(gateway: ConfigMgrGateway, name: string): Promise<CollectionSummary[]> {
  const candidates: CollectionSummary[] = [];
  for (let page = 0; page < MAX_NAME_PAGES; page += 1) {
    const result = await gateway.listCollections({
      nameStartsWith: name,
      top: NAME_PAGE_SIZE,
      skip: page * NAME_PAGE_SIZE,
    });
    if (!result.ok) throw toUserFacingError(gatewayProblem(result.error, `look up collections named ${name}`));
    candidates.push(...result.value.items);
    if (result.value.next === undefined) break;
  }
  const exact = candidates.filter((collection) => collection.name === name);
  return exact.length > 0
    ? exact
    : candidates.filter((collection) => collection.name.toLowerCase() === name.toLowerCase());
}

function unknownCollection(typed: string): UserFacingError {
  const hint = typed.slice(0, 20);
  return new UserFacingError(
    'Collection not found',
    `ConfigMgr has no collection with the ID or the exact name "${typed}".`,
    `Type collections --filter "${hint}" to list collections whose name starts with it, then use the ID.`,
  );
}
