import type { DriftNames } from './drift-names.js';
import type { DriftItem } from './policy-drift.js';

/** A group or filter by its display name when known, its object id in parentheses (the card moves it to Details). */
function named(id: string | undefined, names: DriftNames): string {
  const name = id === undefined ? undefined : names[id.toLowerCase()];
  return name === undefined ? (id ?? '') : `${name} (${id ?? ''})`;
}

function targetName(key: string, names: DriftNames): string {
  const [type, id] = key.split(':');
  switch (type) {
    case 'groupassignmenttarget':
      return `group ${named(id, names)}`;
    case 'exclusiongroupassignmenttarget':
      return `excluded group ${named(id, names)}`;
    case 'configurationmanagercollectionassignmenttarget':
      return `collection ${id ?? ''}`;
    case 'alldevicesassignmenttarget':
      return 'all devices';
    case 'alllicensedusersassignmenttarget':
      return 'all users';
    default:
      return key;
  }
}

/** `include:<id>` as "include filter <name> (<id>)". */
function filterName(filter: string, names: DriftNames): string {
  if (filter === '') return 'no filter';
  const at = filter.indexOf(':');
  return `${filter.slice(0, at)} filter ${named(filter.slice(at + 1), names)}`;
}

/** Setting values are canonical JSON of the normalised instance: the value alone reads best. */
function settingValue(value: string | undefined): string {
  if (value === undefined) return 'absent';
  const parsed = JSON.parse(value) as { choice?: { value?: string }; simple?: string };
  return parsed.choice?.value ?? parsed.simple ?? value;
}

/** One line per drift item: what was approved and what the tenant has now; groups by name where `names` has them. */
export function describeDriftItem(item: DriftItem, names: DriftNames = {}): string {
  switch (item.kind) {
    case 'deleted':
      return 'The policy was deleted.';
    case 'renamed':
      return `Renamed: ${item.approved} → ${item.now}`;
    case 'description':
      return `Description: ${item.approved || '(empty)'} → ${item.now || '(empty)'}`;
    case 'scope-tags':
      return `Scope tags: ${item.approved.join(', ')} → ${item.now.join(', ')}`;
    case 'setting':
      return `${item.settingId}: ${settingValue(item.approved)} → ${settingValue(item.now)}`;
    case 'target-added':
      return `Target added: ${targetName(item.target.key, names)} (${filterName(item.target.filter, names)})`;
    case 'target-removed':
      return `Target removed: ${targetName(item.target.key, names)} (${filterName(item.target.filter, names)})`;
    case 'filter-changed':
      return `Filter on ${targetName(item.key, names)}: ${filterName(item.approved, names)} → ${filterName(item.now, names)}`;
  }
}

/** What undoing a drift item does: the same line with approved and now swapped. */
export function invertDriftItem(item: DriftItem): DriftItem {
  switch (item.kind) {
    case 'deleted':
      return item;
    case 'renamed':
    case 'description':
    case 'scope-tags':
    case 'filter-changed':
      return { ...item, approved: item.now, now: item.approved } as DriftItem;
    case 'setting':
      return {
        kind: 'setting',
        settingId: item.settingId,
        ...(item.now === undefined ? {} : { approved: item.now }),
        ...(item.approved === undefined ? {} : { now: item.approved }),
      };
    case 'target-added':
      return { kind: 'target-removed', target: item.target };
    case 'target-removed':
      return { kind: 'target-added', target: item.target };
  }
}

/** One line of a revert plan: the drift item undone; groups and filters by name where `names` has them. */
export function describeRevert(item: DriftItem, names: DriftNames = {}): string {
  return describeDriftItem(invertDriftItem(item), names);
}
