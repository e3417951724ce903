import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import type { PolicyListItem } from '../policy/managed-policy.js';

/**
 * The policy a run step created, found by the write ref in its marker (core/runs/unknown-outcome.ts) whatever its
 * name is now and however many policies share that name. A copy made in the portal (createCopy keeps the
 * description) carries the same ref but is newer, so the oldest one is the step's own.
 */
export async function findPolicyByWriteRef(
  policies: Pick<EndpointSecurityPolicies, 'list'>,
  ref: string,
): Promise<PolicyListItem | undefined> {
  const tagged = (await policies.list({ managedOnly: true })).filter((policy) => policy.writeRef === ref);
  return tagged.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))[0];
}
