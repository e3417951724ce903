import type { JsonObject } from '../world/policy-store.js';
import type { World } from '../world/world.js';
import { resolveCollection } from '../world/compliance.js';
import { POLICY_TEMPLATES } from './templates-catalog.js';
import { SETTING_DEFINITIONS } from './setting-catalog.js';

/** Writable properties per type, from graph-beta-schema.json (own + inherited), for unknown-property checks. */
const POLICY_PROPERTIES = new Set([
  '@odata.type',
  'id',
  'name',
  'description',
  'platforms',
  'technologies',
  'roleScopeTagIds',
  'creationSource',
  'templateReference',
  'settings',
  'isAssigned',
  'createdDateTime',
  'lastModifiedDateTime',
  'settingCount',
  'priorityMetaData',
  'disableEntraGroupPolicyAssignment',
  'assignments',
]);
const INSTANCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  deviceManagementConfigurationChoiceSettingInstance: ['choiceSettingValue'],
  deviceManagementConfigurationSimpleSettingInstance: ['simpleSettingValue'],
  deviceManagementConfigurationChoiceSettingCollectionInstance: ['choiceSettingCollectionValue'],
  deviceManagementConfigurationSimpleSettingCollectionInstance: ['simpleSettingCollectionValue'],
  deviceManagementConfigurationGroupSettingCollectionInstance: ['groupSettingCollectionValue'],
  deviceManagementConfigurationGroupSettingInstance: ['groupSettingValue'],
};
const INSTANCE_BASE = ['@odata.type', 'settingDefinitionId', 'settingInstanceTemplateReference'];
const SIMPLE_VALUE_TYPES = new Set([
  'deviceManagementConfigurationStringSettingValue',
  'deviceManagementConfigurationIntegerSettingValue',
  'deviceManagementConfigurationSecretSettingValue',
  'deviceManagementConfigurationReferenceSettingValue',
]);
const PLATFORMS = new Set([
  'none',
  'android',
  'ios',
  'macos',
  'windows10x',
  'windows10',
  'linux',
  'unknownfuturevalue',
  'androidenterprise',
  'aosp',
  'tvos',
  'visionos',
]);
const TECHNOLOGIES = new Set([
  'none',
  'mdm',
  'windows10xmanagement',
  'configmanager',
  'intunemanagementextension',
  'thirdparty',
  'documentgateway',
  'appleremotemanagement',
  'microsoftsense',
  'exchangeonline',
  'mobileapplicationmanagement',
  'linuxmdm',
  'enrollment',
  'endpointprivilegemanagement',
  'unknownfuturevalue',
  'windowsosrecovery',
  'android',
]);

const typeName = (value: unknown): string => String(value ?? '').replace(/^#?microsoft\.graph\./, '');
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flagsValid(value: unknown, allowed: ReadonlySet<string>): boolean {
  return typeof value === 'string' && value.split(',').every((part) => allowed.has(part.trim().toLowerCase()));
}

export function isConfigMgrPolicy(body: JsonObject): boolean {
  return (
    typeof body.technologies === 'string' &&
    body.technologies
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .includes('configmanager')
  );
}

function validateInstance(instance: unknown, where: string): string | undefined {
  if (!isObject(instance)) return `${where}: settingInstance is required.`;
  const type = typeName(instance['@odata.type']);
  const own = INSTANCE_TYPES[type];
  if (!own) return `${where}: unknown @odata.type '${String(instance['@odata.type'] ?? '')}' for a setting instance.`;
  const unknown = Object.keys(instance).find((k) => !INSTANCE_BASE.includes(k) && !own.includes(k));
  if (unknown) return `${where}: property '${unknown}' does not exist on type 'microsoft.graph.${type}'.`;
  const definitionId = instance.settingDefinitionId;
  if (typeof definitionId !== 'string' || definitionId === '') return `${where}: settingDefinitionId is required.`;
  const definition = SETTING_DEFINITIONS.get(definitionId);
  if (!definition) return `${where}: setting definition '${definitionId}' was not found.`;
  if (type === 'deviceManagementConfigurationChoiceSettingInstance') {
    const value = instance.choiceSettingValue;
    if (
      !isObject(value) ||
      typeName(value['@odata.type'] ?? 'deviceManagementConfigurationChoiceSettingValue') !==
        'deviceManagementConfigurationChoiceSettingValue'
    ) {
      return `${where}: choiceSettingValue must be a deviceManagementConfigurationChoiceSettingValue.`;
    }
    if (definition.kind !== 'choice' || !definition.options.includes(String(value.value))) {
      return `${where}: value '${String(value.value)}' is not a valid option of setting '${definitionId}'.`;
    }
    const children = value.children ?? [];
    if (!Array.isArray(children)) return `${where}: children must be a collection.`;
    for (const [i, child] of children.entries()) {
      const problem = validateInstance(child, `${where}.children[${i}]`);
      if (problem) return problem;
    }
  }
  if (type === 'deviceManagementConfigurationSimpleSettingInstance') {
    const value = instance.simpleSettingValue;
    if (!isObject(value) || !SIMPLE_VALUE_TYPES.has(typeName(value['@odata.type'])))
      return `${where}: simpleSettingValue has an unknown @odata.type.`;
  }
  return undefined;
}

/** The service's body checks for POST/PUT configurationPolicies; returns the 400 message or undefined. */
export function validatePolicyBody(body: unknown): string | undefined {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  if (body['@odata.type'] !== undefined && typeName(body['@odata.type']) !== 'deviceManagementConfigurationPolicy') {
    return `Unknown @odata.type '${String(body['@odata.type'])}' for deviceManagementConfigurationPolicy.`;
  }
  const unknown = Object.keys(body).find((k) => !POLICY_PROPERTIES.has(k));
  if (unknown)
    return `The property '${unknown}' does not exist on type 'microsoft.graph.deviceManagementConfigurationPolicy'.`;
  if (typeof body.name !== 'string' || body.name.trim() === '') return "The 'name' property is required.";
  if (!flagsValid(body.platforms, PLATFORMS)) return `Invalid value '${String(body.platforms)}' for 'platforms'.`;
  if (!flagsValid(body.technologies, TECHNOLOGIES))
    return `Invalid value '${String(body.technologies)}' for 'technologies'.`;
  const templateId = isObject(body.templateReference) ? body.templateReference.templateId : undefined;
  const hasTemplate = typeof templateId === 'string' && templateId !== '';
  if (isConfigMgrPolicy(body)) {
    if (hasTemplate && !POLICY_TEMPLATES.some((t) => t.id === templateId && t.technologies === 'configManager')) {
      return 'ConfigMgr endpoint security policies created from a creationSource must not carry an MDM templateReference.';
    }
    const tags = body.roleScopeTagIds;
    if (tags !== undefined && !(Array.isArray(tags) && (tags.length === 0 || (tags.length === 1 && tags[0] === '0')))) {
      return 'Scope tags are not supported for Configuration Manager endpoint security policies.';
    }
  } else {
    if (!hasTemplate) return 'An Intune endpoint security policy requires a templateReference.';
    if (!POLICY_TEMPLATES.some((t) => t.id === templateId)) return `Template '${String(templateId)}' was not found.`;
  }
  const settings = body.settings ?? [];
  if (!Array.isArray(settings)) return "'settings' must be a collection.";
  for (const [i, setting] of settings.entries()) {
    if (!isObject(setting)) return `settings[${i}] must be an object.`;
    if (
      setting['@odata.type'] !== undefined &&
      typeName(setting['@odata.type']) !== 'deviceManagementConfigurationSetting'
    ) {
      return `settings[${i}]: unknown @odata.type '${String(setting['@odata.type'])}'.`;
    }
    const problem = validateInstance(setting.settingInstance, `settings[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

const TARGET_TYPES = new Set([
  'groupAssignmentTarget',
  'exclusionGroupAssignmentTarget',
  'allDevicesAssignmentTarget',
  'allLicensedUsersAssignmentTarget',
  'configurationManagerCollectionAssignmentTarget',
]);

/** Checks one assignment target against the policy kind and the world; returns the 400 message or undefined. */
export function validateTarget(world: World, policy: JsonObject, target: unknown): string | undefined {
  if (!isObject(target)) return 'Each assignment requires a target.';
  const type = typeName(target['@odata.type']);
  if (!TARGET_TYPES.has(type))
    return `Unknown @odata.type '${String(target['@odata.type'] ?? '')}' for an assignment target.`;
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
    return world.directory.group(String(target.groupId ?? ''))
      ? undefined
      : `Group '${String(target.groupId ?? '')}' was not found.`;
  }
  return undefined;
}
