import type { Directory } from '../ports/directory.js';
import type { DriftItem } from './policy-drift.js';

/** Display names of groups, keyed by lowercase object id, for the drift card's target lines. */
export type GroupNames = Readonly<Record<string, string>>;

const GROUP_TYPES = new Set(['groupassignmenttarget', 'exclusiongroupassignmenttarget']);

/** The lowercase object ids of the groups the drift items name (targets added, removed or refiltered). */
export function groupIdsOf(items: readonly DriftItem[]): string[] {
  const keys = items.flatMap((item) => {
    if (item.kind === 'target-added' || item.kind === 'target-removed') return [item.target.key];
    if (item.kind === 'filter-changed') return [item.key];
    return [];
  });
  const ids = keys.flatMap((key) => {
    const [type, id] = key.split(':');
    return type !== undefined && id !== undefined && GROUP_TYPES.has(type) ? [id] : [];
  });
  return [...new Set(ids)];
}

/**
 * The groups' display names as the directory has them now (the same lookup plans and cards use for a policy's
 * targets, core/policies/describe-targets.ts). A lookup that fails only costs the name: the card shows the id in Details.
 */
export async function groupNamesOf(
  directory: Pick<Directory, 'findGroups'>,
  items: readonly DriftItem[],
): Promise<GroupNames> {
  const found = await Promise.all(
    groupIdsOf(items).map(async (id) => {
      const groups = await directory.findGroups(id).catch(() => []);
      const group = groups.find((candidate) => candidate.id.toLowerCase() === id);
      return group ? ([[id, group.displayName]] as const) : [];
    }),
  );
  return Object.fromEntries(found.flat());
}

/** `groupNamesOf` bound to one directory, for the drift card. */
export function groupNamesIn(
  directory: Pick<Directory, 'findGroups'>,
): (items: readonly DriftItem[]) => Promise<GroupNames> {
  return (items) => groupNamesOf(directory, items);
}
