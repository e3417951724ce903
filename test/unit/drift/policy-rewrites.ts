import fc from 'fast-check';
import type { Wire, WirePolicy } from './policy-wire-arbitraries.js';

/** Which semantically neutral rewrites to apply, and the seed of the reorderings. */
export interface NoisePlan {
  readonly seed: number;
  readonly reorder: boolean;
  readonly volatile: boolean;
  readonly emptyForms: boolean;
  readonly defaults: boolean;
  readonly spelling: boolean;
  readonly unknownProperties: boolean;
  readonly freshSecretToken: boolean;
}

export const noisePlan: fc.Arbitrary<NoisePlan> = fc.record({
  seed: fc.integer(),
  reorder: fc.boolean(),
  volatile: fc.boolean(),
  emptyForms: fc.boolean(),
  defaults: fc.boolean(),
  spelling: fc.boolean(),
  unknownProperties: fc.boolean(),
  freshSecretToken: fc.boolean(),
});

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const rows = (policy: Wire): Wire[] => policy.settings as Wire[];
const instanceOf = (row: Wire): Wire => row.settingInstance as Wire;

/** Every instance, children included. */
function instances(policy: Wire): Wire[] {
  const all: Wire[] = [];
  const visit = (node: Wire): void => {
    all.push(node);
    const value = node.choiceSettingValue as Wire | undefined;
    for (const child of (value?.children as Wire[] | undefined) ?? []) visit(child);
  };
  for (const row of rows(policy)) visit(instanceOf(row));
  return all;
}

/** The same policy as Intune might return it on another day: reordered, defaulted, re-spelt, with new properties. */
export function neutralRewrite(original: WirePolicy, plan: NoisePlan): WirePolicy {
  const { policy, assignments: rowsOfAssignments } = structuredClone(original);
  let assignments = rowsOfAssignments;
  const next = random(plan.seed);
  if (plan.reorder) {
    policy.settings = shuffled(rows(policy), next);
    for (const node of instances(policy)) {
      const value = node.choiceSettingValue as Wire | undefined;
      if (value && Array.isArray(value.children)) value.children = shuffled(value.children as Wire[], next);
      if (Array.isArray(node.simpleSettingCollectionValue)) {
        node.simpleSettingCollectionValue = shuffled(node.simpleSettingCollectionValue as Wire[], next);
      }
    }
    assignments = shuffled(assignments, next);
    policy.roleScopeTagIds = shuffled((policy.roleScopeTagIds as string[] | undefined) ?? [], next);
  }
  if (plan.volatile) {
    policy.lastModifiedDateTime = '2026-12-05T16:00:00Z';
    policy.createdDateTime = '2026-12-02T09:00:00Z';
    policy.version = 42;
    policy.isAssigned = assignments.length > 0;
    policy.priorityMetaData = { priority: 3 };
    rows(policy).forEach((row, i) => (row.id = String(100 + i)));
    assignments.forEach((row, i) => (row.id = `${String(policy.id)}_${i}_x`));
  }
  if (plan.emptyForms) {
    if (policy.description === '') policy.description = next() < 0.5 ? null : undefined;
    for (const node of instances(policy)) {
      node.settingInstanceTemplateReference = next() < 0.5 ? null : {};
      const value = node.choiceSettingValue as Wire | undefined;
      if (value) {
        value.settingValueTemplateReference = null;
        if (Array.isArray(value.children) && value.children.length === 0) {
          value.children = next() < 0.5 ? null : undefined;
        }
      } else if (!node.simpleSettingCollectionValue) {
        node.groupSettingCollectionValue = [];
      }
    }
  }
  if (plan.defaults) {
    const tags = (policy.roleScopeTagIds as string[] | undefined) ?? [];
    if (tags.length === 0) policy.roleScopeTagIds = ['0'];
    else if (tags.length === 1 && tags[0] === '0') policy.roleScopeTagIds = next() < 0.5 ? [] : undefined;
    for (const row of assignments) {
      const target = row.target as Wire;
      if (target.deviceAndAppManagementAssignmentFilterId === undefined) {
        target.deviceAndAppManagementAssignmentFilterId = null;
        target.deviceAndAppManagementAssignmentFilterType = 'none';
      }
    }
  }
  if (plan.spelling) {
    for (const row of assignments) {
      const target = row.target as Wire;
      target['@odata.type'] = String(target['@odata.type']).replace('#microsoft.graph.', '');
      if (typeof target.groupId === 'string') target.groupId = target.groupId.toUpperCase();
      if (typeof target.collectionId === 'string') target.collectionId = target.collectionId.toLowerCase();
      if (typeof target.deviceAndAppManagementAssignmentFilterId === 'string') {
        target.deviceAndAppManagementAssignmentFilterId = target.deviceAndAppManagementAssignmentFilterId.toUpperCase();
      }
    }
    for (const node of instances(policy)) {
      node.settingDefinitionId = String(node.settingDefinitionId).toUpperCase();
      const choice = node.choiceSettingValue as Wire | undefined;
      if (choice) choice.value = String(choice.value).toUpperCase();
      const simpleValue = node.simpleSettingValue as Wire | undefined;
      if (simpleValue && typeof simpleValue.value === 'number') simpleValue.value = String(simpleValue.value);
    }
  }
  if (plan.unknownProperties) {
    policy.futureProperty = { added: 'later' };
    for (const row of rows(policy)) row.rowAnnotation = 'x';
    for (const node of instances(policy)) node.auditRuleInformation = { kind: 'new' };
    for (const row of assignments) {
      row.intent = 'apply';
      (row.target as Wire).targetType = 'device';
    }
  }
  if (plan.freshSecretToken) {
    for (const node of instances(policy)) {
      const value = node.simpleSettingValue as Wire | undefined;
      if (value?.valueState === 'encryptedValueToken') value.value = `token-${String(next())}`;
    }
  }
  return { policy, assignments };
}

export type RealEdit =
  | { readonly kind: 'setting-value'; readonly index: number }
  | { readonly kind: 'target-added'; readonly groupId: string }
  | { readonly kind: 'target-removed'; readonly index: number }
  | { readonly kind: 'filter-changed'; readonly index: number; readonly filterId: string }
  | { readonly kind: 'rename' }
  | { readonly kind: 'delete' };

export const realEdit: fc.Arbitrary<RealEdit> = fc.oneof(
  fc.nat().map((index) => ({ kind: 'setting-value' as const, index })),
  fc.uuid({ version: 4 }).map((groupId) => ({ kind: 'target-added' as const, groupId })),
  fc.nat().map((index) => ({ kind: 'target-removed' as const, index })),
  fc.tuple(fc.nat(), fc.uuid({ version: 4 })).map(([index, filterId]) => ({
    kind: 'filter-changed' as const,
    index,
    filterId,
  })),
  fc.constant({ kind: 'rename' as const }),
  fc.constant({ kind: 'delete' as const }),
);

/** The drift kind each edit must produce, once. */
export const EXPECTED_DRIFT: Record<RealEdit['kind'], string> = {
  'setting-value': 'setting',
  'target-added': 'target-added',
  'target-removed': 'target-removed',
  'filter-changed': 'filter-changed',
  rename: 'renamed',
  delete: 'deleted',
};

/** One real change, as an admin makes it in the portal; `undefined` for a deleted policy. */
export function applyEdit(original: WirePolicy, edit: RealEdit): WirePolicy | undefined {
  const { policy, assignments } = structuredClone(original);
  switch (edit.kind) {
    case 'delete':
      return undefined;
    case 'rename':
      policy.name = `${String(policy.name)} (edited)`;
      break;
    case 'setting-value': {
      const editable = rows(policy).filter(
        (row) => !instanceOf(row).simpleSettingValue || !(instanceOf(row).simpleSettingValue as Wire).valueState,
      );
      const node = instanceOf(editable[edit.index % editable.length] as Wire);
      const choiceValue = node.choiceSettingValue as Wire | undefined;
      const simpleValue = node.simpleSettingValue as Wire | undefined;
      if (choiceValue) choiceValue.value = `${String(node.settingDefinitionId)}_9`;
      else if (simpleValue)
        simpleValue.value =
          typeof simpleValue.value === 'number' ? simpleValue.value + 1000 : `${String(simpleValue.value)}Z`;
      else
        (node.simpleSettingCollectionValue as Wire[]).push({
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationStringSettingValue',
          value: 'z:\\zzzzzzz',
        });
      break;
    }
    case 'target-added':
      assignments.push({ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: edit.groupId } });
      break;
    case 'target-removed':
      assignments.splice(edit.index % assignments.length, 1);
      break;
    case 'filter-changed': {
      const target = (assignments[edit.index % assignments.length] as Wire).target as Wire;
      if (target.deviceAndAppManagementAssignmentFilterType === 'include') {
        target.deviceAndAppManagementAssignmentFilterType = 'exclude';
      } else if (target.deviceAndAppManagementAssignmentFilterType === 'exclude') {
        target.deviceAndAppManagementAssignmentFilterId = edit.filterId;
      } else {
        target.deviceAndAppManagementAssignmentFilterId = edit.filterId;
        target.deviceAndAppManagementAssignmentFilterType = 'include';
      }
      break;
    }
  }
  return { policy, assignments };
}
