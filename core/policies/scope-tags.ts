import type { ScopeTag } from '../ports/endpoint-security-policies.js';
import { UserFacingError } from '../user-facing-error.js';

/**
 * GUESS (graph-intune.md §4.4): "0" is the built-in Default tag, which Intune applies when a policy is created without
 * `roleScopeTagIds`. So a policy with no tags and one with only "0" are the same to compare.
 */
export const DEFAULT_SCOPE_TAG_ID = '0';

/** Scope tag names or ids, as typed, to ids; unknown ones are named together with every tag the tenant has. */
export function matchScopeTags(tags: readonly ScopeTag[], typed: readonly string[]): string[] {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const text of typed) {
    const tag =
      tags.find((candidate) => candidate.id === text) ??
      tags.find((candidate) => candidate.displayName.toLowerCase() === text.toLowerCase());
    if (tag === undefined) unknown.push(text);
    else if (!ids.includes(tag.id)) ids.push(tag.id);
  }
  if (unknown.length > 0) throw unknownScopeTags(unknown, tags);
  return ids;
}

/** "Default (0), Paris (7)"; an id the tenant does not list is shown as it is. */
export function describeScopeTags(ids: readonly string[], tags: readonly ScopeTag[]): string {
  return normalizeScopeTagIds(ids)
    .map((id) => {
      const tag = tags.find((candidate) => candidate.id === id);
      return tag ? `${tag.displayName} (${id})` : id;
    })
    .join(', ');
}

/** Sorted, and the implicit Default tag made explicit. */
export function normalizeScopeTagIds(ids: readonly string[]): string[] {
  return ids.length === 0 ? [DEFAULT_SCOPE_TAG_ID] : [...new Set(ids)].sort();
}

function unknownScopeTags(unknown: readonly string[], tags: readonly ScopeTag[]): UserFacingError {
  const known = tags.map((tag) => `${tag.displayName} (id ${tag.id})`).join(', ');
  const named = unknown.map((text) => `"${text}"`).join(', ');
  return new UserFacingError(
    unknown.length === 1 ? 'Unknown scope tag' : 'Unknown scope tags',
    `The tenant has no scope tag named or with the id ${named}. Its scope tags are: ${known === '' ? 'none' : known}.`,
    'Use one of those names or ids in --scope-tags, separated by commas.',
  );
}
