import type { JsonObject, StoredPolicy } from './policy-store.js';

function reversed<T>(items: readonly T[]): T[] {
  return [...items].reverse();
}

function rewriteInstance(node: JsonObject): void {
  node.settingInstanceTemplateReference ??= null;
  const choice = node.choiceSettingValue as JsonObject | undefined;
  if (choice) {
    choice.settingValueTemplateReference ??= null;
    const children = Array.isArray(choice.children) ? (choice.children as JsonObject[]) : [];
    children.forEach(rewriteInstance);
    choice.children = children.length === 0 ? null : reversed(children);
  }
  const simpleValue = node.simpleSettingValue as JsonObject | undefined;
  if (simpleValue && typeof simpleValue.value === 'number') simpleValue.value = String(simpleValue.value);
  if (Array.isArray(node.simpleSettingCollectionValue)) {
    node.simpleSettingCollectionValue = reversed(node.simpleSettingCollectionValue as JsonObject[]);
  }
}

/**
 * What the service does to a stored policy that changes nothing it means (control API `portal/policies/{id}/noise`):
 * settings, children, collection values and assignments reordered, empty children as `null`, template references
 * filled with `null`, integer values as strings, an unknown property, the filter type `none` spelled out on targets
 * without a filter, and `lastModifiedDateTime` bumped. Each is a false-drift cause named in graph-intune.md §12.5 and
 * core/drift/normalise-policy.ts.
 */
export function addNoise(policy: StoredPolicy, nowIso: string): void {
  policy.settings = reversed(policy.settings).map((row, index) => {
    rewriteInstance(row.settingInstance as JsonObject);
    return { ...row, id: String(index) };
  });
  policy.assignments = reversed(policy.assignments).map((assignment) => {
    const target = { ...assignment.target };
    if (target.deviceAndAppManagementAssignmentFilterId == null) {
      target.deviceAndAppManagementAssignmentFilterId = null;
      target.deviceAndAppManagementAssignmentFilterType = 'none';
    }
    return { ...assignment, target };
  });
  policy.properties.description ??= '';
  policy.properties.noiseGeneration = Number(policy.properties.noiseGeneration ?? 0) + 1;
  policy.properties.lastModifiedDateTime = nowIso;
}
