import { canonicalJson } from '../audit/canonical-json.js';
import { DEFAULT_SCOPE_TAG_ID } from '../policies/scope-tags.js';

/**
 * The one place that decides what counts as a change to a configuration policy, so a drift watch never cries wolf.
 * A policy read from the tenant (the Graph wire form, `unknown` until read here) becomes a `NormalisedPolicy` that is
 * equal for every rewrite that keeps its meaning. Each rule names the public complaint or the note it answers; the
 * false-drift causes are listed in graph-intune.md §12 item 5.
 *
 * R1 Read-only and volatile fields are dropped by building the form from an allowlist, never by deleting known noise:
 *    `id`, `createdDateTime`, `lastModifiedDateTime`, `settingCount`, `isAssigned`, `version`, the setting row ids,
 *    the assignment ids and `source`/`sourceId`, `creationSource`, `templateReference`, `priorityMetaData`, the
 *    template references of instances and values, and any property the service adds later (graph-intune.md §12.5;
 *    IntuneCommander #115 lists id, dates and version as "always different").
 * R2 Collections are sets: settings keyed by definition id, choice children and group children sorted, collection
 *    values sorted, assignments keyed by target, scope tags sorted (IntuneCD #174: "Scope Tag Assignments not always
 *    reported in the same order", a remove and an add logged for the same group; IntuneManagement #378: property order).
 * R3 `""`, `[]`, `{}`, `null` and an absent property are one value: empty (Microsoft365DSC #5736 "Empty arrays are
 *    returning as drift"; #1036 `$null` against `@()`; CIPP #5162, drift reported on untouched Intune templates).
 * R4 Server defaults: a policy without scope tags has the Default tag `"0"` (core/policies/scope-tags.ts, a guess kept
 *    there); an assignment filter of type `none`, or a filter type without a filter id, is no filter (graph-intune.md
 *    §10: `deviceAndAppManagementAssignmentFilterType` is `none | include | exclude`); a missing description is `""`.
 * R5 Identifiers compare case-insensitively: `@odata.type` with or without `#microsoft.graph.`, setting definition and
 *    choice value ids, group and filter GUIDs (lower case), ConfigMgr collection ids (upper case); integer and string
 *    forms of one simple value are one value (IntuneCD #214: a re-pushed identical security baseline logged as a
 *    change).
 * R6 Secret values (the connector onboarding blob) come back as a fresh `encryptedValueToken` on every read: only
 *    their presence is compared, never the token (graph-intune.md §4.3 "Never diff it").
 * CIPP #5032 is cited by graph-intune.md §12.5 beside these; the search corpus holds no copy of it, so no rule rests on
 * it alone.
 */

/** A setting's meaning: canonical JSON of its normalised instance (without the definition id, which is the key). */
export type SettingValue = string;

export interface NormalisedTarget {
  /** `groupAssignmentTarget:<guid>`, `configurationManagerCollectionAssignmentTarget:PS100042`, ... */
  readonly key: string;
  /** `include:<guid>`, `exclude:<guid>`, or `` for no filter. */
  readonly filter: string;
}

export interface NormalisedPolicy {
  readonly name: string;
  readonly description: string;
  readonly scopeTags: readonly string[];
  /** Keyed by lower-case setting definition id, sorted. */
  readonly settings: Readonly<Record<string, SettingValue>>;
  /** Keyed by target key, sorted. */
  readonly targets: Readonly<Record<string, NormalisedTarget>>;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** R3: the empty forms. */
function isEmpty(value: Json | undefined): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** R3: an object without its empty properties. */
function compact(entries: Record<string, Json | undefined>): Json {
  const kept: Record<string, Json> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && !isEmpty(value)) kept[key] = value;
  return kept;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** R5: `#microsoft.graph.fooBar`, `microsoft.graph.FooBar` and `fooBar` are one type. */
export function shortType(value: unknown): string {
  return text(value)
    .replace(/^#?microsoft\.graph\./i, '')
    .toLowerCase();
}

/** R2: a set of values, in one order. */
function sortedSet(values: readonly Json[]): Json[] {
  const byKey = new Map<string, Json>();
  for (const value of values) if (!isEmpty(value)) byKey.set(canonicalJson(value), value);
  return [...byKey.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)).map(([, v]) => v);
}

function isSecret(value: Record<string, unknown>): boolean {
  return shortType(value['@odata.type']).includes('secretsettingvalue') || value.valueState !== undefined;
}

/** R5, R6: a simple value, as text; a secret only as present. */
function simpleValue(raw: unknown): Json {
  const value = record(raw);
  if (isSecret(value)) return '(secret)';
  return text(value.value);
}

function children(raw: unknown): Json[] {
  return sortedSet(list(raw).map((child) => instance(child)));
}

function choiceValue(raw: unknown): Json {
  const value = record(raw);
  return compact({ value: text(value.value).toLowerCase(), children: children(value.children) });
}

/** R1, R2, R3, R5: one setting instance, from an allowlist of what carries meaning. */
function instance(raw: unknown): Json {
  const node = record(raw);
  return compact({
    id: text(node.settingDefinitionId).toLowerCase(),
    choice: node.choiceSettingValue === undefined ? undefined : choiceValue(node.choiceSettingValue),
    simple: node.simpleSettingValue === undefined ? undefined : simpleValue(node.simpleSettingValue),
    choices: sortedSet(list(node.choiceSettingCollectionValue).map(choiceValue)),
    simples: sortedSet(list(node.simpleSettingCollectionValue).map(simpleValue)),
    groups: sortedSet(list(node.groupSettingCollectionValue).map((group) => children(record(group).children))),
    group: node.groupSettingValue === undefined ? undefined : children(record(node.groupSettingValue).children),
  });
}

function settingsOf(policy: Record<string, unknown>): Record<string, SettingValue> {
  const entries: [string, SettingValue][] = [];
  for (const row of list(policy.settings)) {
    const node = record(record(row).settingInstance);
    const id = text(node.settingDefinitionId).toLowerCase();
    if (id === '') continue;
    const { id: _id, ...meaning } = record(instance(node)) as Record<string, Json>;
    entries.push([id, canonicalJson(meaning)]);
  }
  return Object.fromEntries(entries.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
}

const GUID_TARGET_TYPES: Record<string, string> = {
  groupassignmenttarget: 'groupId',
  exclusiongroupassignmenttarget: 'groupId',
};

const TARGET_KIND_PROPERTIES = new Set([
  '@odata.type',
  'deviceAndAppManagementAssignmentFilterId',
  'deviceAndAppManagementAssignmentFilterType',
]);

/** R4, R5: what a target is and which filter narrows it. */
export function normaliseTarget(raw: unknown): NormalisedTarget {
  const target = record(raw);
  const type = shortType(target['@odata.type']);
  const filterId = text(target.deviceAndAppManagementAssignmentFilterId).toLowerCase();
  const filterType = text(target.deviceAndAppManagementAssignmentFilterType).toLowerCase();
  const filter = filterId === '' || filterType === '' || filterType === 'none' ? '' : `${filterType}:${filterId}`;
  const guidProperty = GUID_TARGET_TYPES[type];
  if (guidProperty !== undefined) return { key: `${type}:${text(target[guidProperty]).toLowerCase()}`, filter };
  if (type === 'configurationmanagercollectionassignmenttarget') {
    return { key: `${type}:${text(target.collectionId).toUpperCase()}`, filter };
  }
  if (type === 'alldevicesassignmenttarget' || type === 'alllicensedusersassignmenttarget')
    return { key: type, filter };
  const rest = Object.entries(target).filter(([property]) => !TARGET_KIND_PROPERTIES.has(property));
  return { key: `${type}:${canonicalJson(compact(Object.fromEntries(rest) as Record<string, Json>))}`, filter };
}

function targetsOf(assignments: readonly unknown[]): Record<string, NormalisedTarget> {
  const targets = assignments.map((assignment) => {
    const row = record(assignment);
    return normaliseTarget(row.target ?? row);
  });
  return Object.fromEntries(
    targets.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0)).map((t) => [t.key, t]),
  );
}

/**
 * A policy as read (`GET configurationPolicies/{id}?$expand=settings`) and its assignments
 * (`GET …/assignments`, rows or bare targets), normalised.
 */
export function normalisePolicy(policy: unknown, assignments: readonly unknown[]): NormalisedPolicy {
  const body = record(policy);
  const tags = sortedSet(list(body.roleScopeTagIds).map((tag) => text(tag))) as string[];
  return {
    name: text(body.name),
    description: text(body.description),
    scopeTags: tags.length === 0 ? [DEFAULT_SCOPE_TAG_ID] : tags,
    settings: settingsOf(body),
    targets: targetsOf(assignments),
  };
}
