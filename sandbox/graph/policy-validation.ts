import { policyNameProblem } from './policy-update-reading.js';
import { checkAgainstType } from '../schema/check-body.js';
import { assignmentFilter } from '../world/assignment-filters.js';
import { resolveCollection } from '../world/compliance.js';
import type { JsonObject } from '../world/policy-store.js';
import type { World } from '../world/world.js';
import { catalogSetting, PROFILE_CATALOGS, type ProfileCatalog } from './setting-catalog.js';
import { POLICY_TEMPLATES } from './templates-catalog.js';

/** Rules and their sources: sandbox/README.md "Request validation". */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const typeName = (value: unknown): string => String(value ?? '').replace(/^#?microsoft\.graph\./, '');
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const flags = (value: unknown): string =>
  String(value ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .sort()
    .join(',');

export function isConfigMgrPolicy(body: JsonObject): boolean {
  return flags(body.technologies).split(',').includes('configmanager');
}

/** The first schema problem of a body, in the words of the service's 400. */
export function schemaProblem(body: unknown, type: string): string | undefined {
  const [first] = checkAgainstType(body, type);
  return first ? `Invalid request body at ${first.path}: ${first.message}.` : undefined;
}

function profileOf(body: JsonObject): ProfileCatalog | string {
  const templateId = isObject(body.templateReference) ? body.templateReference.templateId : undefined;
  if (typeof templateId === 'string' && templateId !== '') {
    const profile = PROFILE_CATALOGS.find((candidate) => candidate.templateId === templateId);
    if (profile) return profile;
    if (!POLICY_TEMPLATES.some((template) => template.id === templateId))
      return `Template '${templateId}' was not found.`;
    return `The sandbox has no setting catalog for template '${templateId}'.`;
  }
  if (!isConfigMgrPolicy(body)) return 'An Intune endpoint security policy requires a templateReference.';
  const source = typeof body.creationSource === 'string' ? body.creationSource.toLowerCase() : '';
  if (source === '') return 'A Configuration Manager endpoint security policy requires a creationSource.';
  const profile = PROFILE_CATALOGS.find((candidate) => candidate.creationSource?.toLowerCase() === source);
  return profile ?? `creationSource '${String(body.creationSource)}' is not a known Configuration Manager profile.`;
}

function checkReference(
  reference: unknown,
  property: 'settingInstanceTemplateId' | 'settingValueTemplateId',
  expected: string | undefined,
  required: boolean,
  where: string,
): string | undefined {
  const value = isObject(reference) ? reference[property] : undefined;
  if (value === undefined || value === null)
    return required && expected ? `${where}: ${property} is required.` : undefined;
  if (typeof value !== 'string' || !GUID.test(value))
    return `${where}: ${property} '${String(value)}' is not a valid GUID.`;
  if (value.toLowerCase() !== expected?.toLowerCase())
    return `${where}: ${property} '${value}' does not match the template of this setting.`;
  return undefined;
}

function validateInstance(
  profile: ProfileCatalog,
  instance: unknown,
  where: string,
  child = false,
): string | undefined {
  if (!isObject(instance)) return `${where}: settingInstance is required.`;
  const definitionId = instance.settingDefinitionId;
  if (typeof definitionId !== 'string' || definitionId === '') return `${where}: settingDefinitionId is required.`;
  const setting = catalogSetting(profile, definitionId);
  if (!setting) return `${where}: setting '${definitionId}' is not part of the ${profile.name} profile.`;
  const fromTemplate = profile.templateId !== undefined && !child;
  const instanceProblem = checkReference(
    instance.settingInstanceTemplateReference,
    'settingInstanceTemplateId',
    setting.instanceTemplateId,
    fromTemplate,
    where,
  );
  if (instanceProblem) return instanceProblem;
  const type = typeName(instance['@odata.type']);
  if (setting.kind === 'choice') {
    if (type !== 'deviceManagementConfigurationChoiceSettingInstance')
      return `${where}: setting '${definitionId}' is a choice setting.`;
    const value = isObject(instance.choiceSettingValue) ? instance.choiceSettingValue : {};
    if (!setting.options?.includes(String(value.value)))
      return `${where}: value '${String(value.value)}' is not a valid option of setting '${definitionId}'.`;
    const valueProblem = checkReference(
      value.settingValueTemplateReference,
      'settingValueTemplateId',
      setting.valueTemplateId,
      fromTemplate,
      `${where}.choiceSettingValue`,
    );
    if (valueProblem) return valueProblem;
    const children = Array.isArray(value.children) ? value.children : [];
    for (const [i, item] of children.entries()) {
      const childId = isObject(item) ? String(item.settingDefinitionId ?? '') : '';
      if (!setting.children?.includes(childId))
        return `${where}.children[${i}]: '${childId}' is not a child of setting '${definitionId}'.`;
      const problem = validateInstance(profile, item, `${where}.children[${i}]`, true);
      if (problem) return problem;
    }
  } else if (setting.kind === 'simple') {
    if (type !== 'deviceManagementConfigurationSimpleSettingInstance')
      return `${where}: setting '${definitionId}' is a simple setting.`;
  } else if (setting.kind === 'simple-collection') {
    if (type !== 'deviceManagementConfigurationSimpleSettingCollectionInstance')
      return `${where}: setting '${definitionId}' is a simple setting collection.`;
    const values = instance.simpleSettingCollectionValue;
    if (!Array.isArray(values) || values.length === 0)
      return `${where}: setting '${definitionId}' needs at least one value.`;
  } else {
    if (type !== 'deviceManagementConfigurationGroupSettingCollectionInstance')
      return `${where}: setting '${definitionId}' is a group setting collection.`;
    const items = instance.groupSettingCollectionValue;
    if (!Array.isArray(items) || items.length === 0)
      return `${where}: setting '${definitionId}' needs at least one item.`;
    for (const [i, item] of items.entries()) {
      const children = isObject(item) && Array.isArray(item.children) ? item.children : [];
      if (children.length === 0) return `${where}.groupSettingCollectionValue[${i}]: an item needs children.`;
      for (const [j, child] of children.entries()) {
        const childId = isObject(child) ? String(child.settingDefinitionId ?? '') : '';
        if (!setting.children?.includes(childId))
          return `${where}.groupSettingCollectionValue[${i}].children[${j}]: '${childId}' is not a child of setting '${definitionId}'.`;
        const problem = validateInstance(
          profile,
          child,
          `${where}.groupSettingCollectionValue[${i}].children[${j}]`,
          true,
        );
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/** A setting some other setting of the profile carries as a child is sent only under it (dependent settings). */
function childOnly(profile: ProfileCatalog, definitionId: string): string | undefined {
  return profile.settings.find((setting) => setting.children?.includes(definitionId))?.definitionId;
}

/** The service's checks for POST/PUT configurationPolicies; returns the 400 message or undefined. */
export function validatePolicyBody(body: unknown): string | undefined {
  const structural = schemaProblem(body, 'deviceManagementConfigurationPolicy');
  if (structural) return structural;
  if (!isObject(body)) return 'The request body must be a JSON object.';
  const nameProblem = policyNameProblem(body.name);
  if (nameProblem) return nameProblem;
  const profile = profileOf(body);
  if (typeof profile === 'string') return profile;
  if (flags(body.technologies) !== flags(profile.technologies))
    return `technologies '${String(body.technologies)}' do not match the ${profile.name} profile ('${profile.technologies}').`;
  if (flags(body.platforms) !== flags(profile.platforms))
    return `platforms '${String(body.platforms)}' do not match the ${profile.name} profile ('${profile.platforms}').`;
  if (profile.creationSource !== undefined) {
    if (isObject(body.templateReference) && body.templateReference.templateId)
      return 'ConfigMgr endpoint security policies created from a creationSource must not carry an MDM templateReference.';
    const tags = body.roleScopeTagIds;
    if (tags !== undefined && !(Array.isArray(tags) && (tags.length === 0 || (tags.length === 1 && tags[0] === '0'))))
      return 'Scope tags are not supported for Configuration Manager endpoint security policies.';
  }
  const settings = Array.isArray(body.settings) ? body.settings : [];
  for (const [i, setting] of settings.entries()) {
    const instance = isObject(setting) ? setting.settingInstance : undefined;
    const parent = isObject(instance) ? childOnly(profile, String(instance.settingDefinitionId ?? '')) : undefined;
    if (parent)
      return `settings[${i}]: setting '${String(isObject(instance) ? instance.settingDefinitionId : '')}' depends on '${parent}' and must be sent inside it.`;
    const problem = validateInstance(
      profile,
      isObject(setting) ? setting.settingInstance : undefined,
      `settings[${i}]`,
    );
    if (problem) return problem;
  }
  return undefined;
}

const FILTER_ID = 'deviceAndAppManagementAssignmentFilterId';
const FILTER_TYPE = 'deviceAndAppManagementAssignmentFilterType';

function validateFilter(target: JsonObject): string | undefined {
  const type = String(target[FILTER_TYPE] ?? 'none').toLowerCase();
  const id = target[FILTER_ID];
  if (type === 'none') return undefined;
  if (typeof id !== 'string' || !GUID.test(id)) return `${FILTER_TYPE} '${type}' needs a valid ${FILTER_ID}.`;
  const filter = assignmentFilter(id);
  if (!filter) return `Assignment filter '${id}' was not found.`;
  if (filter.platform !== 'windows10AndLater')
    return `Assignment filter '${filter.displayName}' is for platform ${filter.platform}; this policy is for windows10.`;
  return undefined;
}

/** Checks one assignment target against the policy kind and the world; returns the 400 message or undefined. */
export function validateTarget(world: World, policy: JsonObject, target: unknown): string | undefined {
  if (!isObject(target)) return 'Each assignment requires a target.';
  const type = typeName(target['@odata.type']);
  const filterProblem = validateFilter(target);
  if (filterProblem) return filterProblem;
  const configMgr = isConfigMgrPolicy(policy);
  if (type === 'configurationManagerCollectionAssignmentTarget') {
    if (!configMgr) return 'Configuration Manager collections can only be targeted by Configuration Manager policies.';
    const id = String(target.collectionId ?? '');
    const collection = resolveCollection(world, id);
    const synced = world.cloud.visibleInGraph(world.clock.nowMs()).some((v) => v.collection.id === collection?.id);
    return synced
      ? undefined
      : `Collection '${id}' is not synced to Intune or is not enabled for endpoint security policies.`;
  }
  if (configMgr) return 'Configuration Manager policies can only be assigned to Configuration Manager collections.';
  if (type === 'groupAssignmentTarget' || type === 'exclusionGroupAssignmentTarget') {
    const groupId = String(target.groupId ?? '');
    if (!GUID.test(groupId)) return `Invalid object identifier '${groupId}'.`;
    return world.directory.group(groupId) ? undefined : `Group '${groupId}' was not found.`;
  }
  if (type === 'allDevicesAssignmentTarget' || type === 'allLicensedUsersAssignmentTarget') return undefined;
  return `Assignment target type '${type}' is not supported for endpoint security policies.`;
}
