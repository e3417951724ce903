import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import type { PolicyDetails, PolicyListItem } from '../policy/managed-policy.js';
import { UserFacingError } from '../user-facing-error.js';
import { describeKind } from './setting-labels.js';

/** configurationPolicies ids are GUIDs; anything else is looked up as a name only. */
export const POLICY_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MAX_LISTED = 10;

/** Policies whose name is `name`, ignoring case and surrounding spaces (Intune itself does not keep names unique). */
export async function policiesNamed(policies: EndpointSecurityPolicies, name: string): Promise<PolicyListItem[]> {
  const wanted = name.trim().toLowerCase();
  const candidates = await policies.list({ nameContains: name.trim() });
  return candidates.filter((policy) => policy.name.trim().toLowerCase() === wanted);
}

/**
 * A policy by id or exact name, read with its settings and assignments. An unknown one, or a name several policies
 * share, is a UserFacingError; `example` shows the command again with an id in place of the name.
 */
export async function resolvePolicy(
  policies: EndpointSecurityPolicies,
  text: string,
  example: (id: string) => string,
): Promise<PolicyDetails> {
  const typed = text.trim();
  if (POLICY_ID_PATTERN.test(typed)) {
    const byId = await policies.get(typed);
    if (byId) return byId;
  }
  const named = await policiesNamed(policies, typed);
  const [only] = named;
  if (only === undefined) throw policyNotFound(typed);
  if (named.length > 1) throw ambiguousPolicy(typed, named, example);
  const details = await policies.get(only.id);
  if (!details) throw policyNotFound(typed);
  return details;
}

function policyNotFound(typed: string): UserFacingError {
  return new UserFacingError(
    'Policy not found',
    `There is no endpoint security policy with the id or the exact name "${typed}".`,
    'Type policy list --all to see every endpoint security policy AttachOps knows, then use its name or id.',
  );
}

function ambiguousPolicy(
  typed: string,
  named: readonly PolicyListItem[],
  example: (id: string) => string,
): UserFacingError {
  const listed = named
    .slice(0, MAX_LISTED)
    .map(
      (policy) =>
        `- ${policy.id}: ${policy.name} (${describeKind(policy.kind)}${policy.managedByAttachOps ? ', managed by AttachOps' : ''})`,
    );
  const more = named.length > MAX_LISTED ? [`- and ${named.length - MAX_LISTED} more`] : [];
  return new UserFacingError(
    `${named.length} policies are named "${typed}"`,
    [...listed, ...more].join('\n'),
    `Use the id of the one you mean, e.g. ${example(named[0]?.id ?? '')}`,
  );
}
