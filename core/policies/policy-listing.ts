import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import type { PolicyListItem } from '../policy/managed-policy.js';

/** Twenty rows keep a Teams card well under 28 KB whatever the names. */
export const POLICIES_PAGE_SIZE = 20;

export interface PolicyListingQuery {
  /** Every endpoint security policy, not only the ones AttachOps made. */
  readonly all: boolean;
  readonly filter?: string;
  readonly page: number;
}

export interface PolicyListing {
  readonly query: PolicyListingQuery;
  readonly rows: readonly PolicyListItem[];
  readonly total: number;
  readonly pageCount: number;
}

/** AttachOps' policies, or with `all` every policy of a catalog profile, by name, one page at a time. */
export async function listPolicies(
  policies: EndpointSecurityPolicies,
  query: PolicyListingQuery,
): Promise<PolicyListing> {
  const listed = await policies.list({
    managedOnly: !query.all,
    ...(query.filter ? { nameContains: query.filter } : {}),
  });
  const matching = listed
    .filter((policy) => policy.kind !== undefined)
    .sort((left, right) => left.name.localeCompare(right.name) || left.id.localeCompare(right.id));
  const start = (query.page - 1) * POLICIES_PAGE_SIZE;
  return {
    query,
    rows: matching.slice(start, start + POLICIES_PAGE_SIZE),
    total: matching.length,
    pageCount: Math.max(1, Math.ceil(matching.length / POLICIES_PAGE_SIZE)),
  };
}
