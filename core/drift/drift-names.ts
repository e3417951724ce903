import type { Directory } from '../ports/directory.js';
import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import type { DriftItem } from './policy-drift.js';

/**
 * Display names of the groups and assignment filters drift lines name, keyed by lowercase object id (group and filter
 * ids are both GUIDs, so one map holds both).
 */
export type DriftNames = Readonly<Record<string, string>>;

/** Where the names come from: the directory for groups, Intune's assignment filters (one list request) for filters. */
export interface DriftNameSources {
  readonly directory: Pick<Directory, 'findGroups'>;
  readonly policies?: Pick<EndpointSecurityPolicies, 'listAssignmentFilters'>;
}

const GROUP_TYPES = new Set(['groupassignmenttarget', 'exclusiongroupassignmenttarget']);

function targetKeysOf(items: readonly DriftItem[]): string[] {
  return items.flatMap((item) => {
    if (item.kind === 'target-added' || item.kind === 'target-removed') return [item.target.key];
    if (item.kind === 'filter-changed') return [item.key];
    return [];
  });
}

/** The lowercase object ids of the groups the drift items name (targets added, removed or refiltered). */
export function groupIdsOf(items: readonly DriftItem[]): string[] {
  const ids = targetKeysOf(items).flatMap((key) => {
    const [type, id] = key.split(':');
    return type !== undefined && id !== undefined && GROUP_TYPES.has(type) ? [id] : [];
  });
  return [...new Set(ids)];
}

/** The lowercase ids of the assignment filters the drift items name (`include:<id>` / `exclude:<id>`). */
export function filterIdsOf(items: readonly DriftItem[]): string[] {
  const filters = items.flatMap((item) => {
    if (item.kind === 'target-added' || item.kind === 'target-removed') return [item.target.filter];
    if (item.kind === 'filter-changed') return [item.approved, item.now];
    return [];
  });
  const ids = filters.flatMap((filter) => {
    const id = filter.split(':')[1];
    return id === undefined || id === '' ? [] : [id.toLowerCase()];
  });
  return [...new Set(ids)];
}

async function groupNames(sources: DriftNameSources, items: readonly DriftItem[]): Promise<[string, string][]> {
  const found = await Promise.all(
    groupIdsOf(items).map(async (id) => {
      const groups = await sources.directory.findGroups(id).catch(() => []);
      const group = groups.find((candidate) => candidate.id.toLowerCase() === id);
      return group ? [[id, group.displayName] as [string, string]] : [];
    }),
  );
  return found.flat();
}

async function filterNames(sources: DriftNameSources, items: readonly DriftItem[]): Promise<[string, string][]> {
  const ids = filterIdsOf(items);
  if (ids.length === 0 || sources.policies === undefined) return [];
  const filters = await sources.policies.listAssignmentFilters().catch(() => []);
  return ids.flatMap((id) => {
    const filter = filters.find((candidate) => candidate.id.toLowerCase() === id);
    return filter ? [[id, filter.displayName] as [string, string]] : [];
  });
}

/**
 * The groups' and filters' display names as the tenant has them now (the same lookups plans and cards use for a
 * policy's targets, core/policies/describe-targets.ts). A lookup that fails only costs the name: the id stays.
 */
export async function driftNamesOf(sources: DriftNameSources, items: readonly DriftItem[]): Promise<DriftNames> {
  const [groups, filters] = await Promise.all([groupNames(sources, items), filterNames(sources, items)]);
  return Object.fromEntries([...groups, ...filters]);
}

/** `driftNamesOf` bound to one tenant, for the drift card and the Revert and Accept plans. */
export function driftNamesIn(sources: DriftNameSources): (items: readonly DriftItem[]) => Promise<DriftNames> {
  return (items) => driftNamesOf(sources, items);
}
