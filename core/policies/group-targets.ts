import type { Directory, DirectoryGroup } from '../ports/directory.js';
import { UserFacingError } from '../user-facing-error.js';
import type { PlannedTarget } from './planned-target.js';

const MAX_LISTED = 10;

/**
 * Azure AD groups by object id or exact display name. Every name that matches no group, or several, is named in one
 * error. The Directory port gives no member count, so group targets carry none.
 */
export async function resolveGroupTargets(
  directory: Directory,
  typed: readonly string[],
  kind: 'group' | 'exclude-group',
  flag: string,
): Promise<PlannedTarget[]> {
  const found = await Promise.all(typed.map(async (text) => ({ text, groups: await directory.findGroups(text) })));
  const problems = found.flatMap(({ text, groups }) => groupProblem(text, groups, flag));
  if (problems.length > 0) {
    throw new UserFacingError(
      problems.length === 1 ? 'Group not found or ambiguous' : 'Groups not found or ambiguous',
      problems.join('\n'),
      `Use the group's object id, or its exact display name, in ${flag}; separate several with commas.`,
    );
  }
  return found
    .flatMap(({ groups }) => groups.slice(0, 1))
    .map((group) => ({ target: { kind, groupId: group.id }, label: groupLabel(group, kind) }));
}

export function groupLabel(group: Pick<DirectoryGroup, 'id' | 'displayName'>, kind: 'group' | 'exclude-group'): string {
  return `${kind === 'exclude-group' ? 'Excluded group' : 'Group'} ${group.displayName} (${group.id})`;
}

function groupProblem(text: string, groups: readonly DirectoryGroup[], flag: string): string[] {
  if (groups.length === 0)
    return [`${flag} "${text}": Azure AD has no group with this object id or exact display name.`];
  if (groups.length === 1) return [];
  const listed = groups
    .slice(0, MAX_LISTED)
    .map((group) => `${group.id}${group.description ? ` (${group.description})` : ''}`);
  const more = groups.length > MAX_LISTED ? [`and ${groups.length - MAX_LISTED} more`] : [];
  return [`${flag} "${text}": ${groups.length} groups have this name: ${[...listed, ...more].join(', ')}.`];
}
