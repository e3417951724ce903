import type {
  DeviceManagementConfigurationChoiceSettingInstance,
  DeviceManagementConfigurationChoiceSettingValue,
  DeviceManagementConfigurationPolicy,
  DeviceManagementConfigurationSecretSettingValue,
  DeviceManagementConfigurationSetting,
  DeviceManagementConfigurationSettingInstance,
  DeviceManagementConfigurationSimpleSettingInstance,
} from '@microsoft/microsoft-graph-types-beta';
import { profileOrThrow } from '../../core/policy/catalog/index.js';
import {
  type FixedSetting,
  type FlagDefinition,
  flagsFor,
  type SettingValue,
  type TargetSpec,
  type TemplateRefs,
  targetSpec,
} from '../../core/policy/catalog/profile-definition.js';
import type { PolicyDraft } from '../../core/policy/policy-draft.js';
import { withMarker } from './managed-marker.js';

type Typed<T> = T & { '@odata.type': string };
type SettingBody = Typed<DeviceManagementConfigurationSetting>;
type Instance = Typed<DeviceManagementConfigurationSettingInstance>;

/** `technologies` is a flags enum sent comma-joined ("mdm,microsoftSense"), which the typings model as one member. */
export type PolicyBody = Omit<DeviceManagementConfigurationPolicy, 'technologies' | 'settings'> & {
  technologies: TargetSpec['technologies'];
  settings: SettingBody[];
};

/**
 * GUESS (graph-intune.md §10.3): whether template-less ConfigMgr policies want the instance/value template
 * references. M365DSC is believed to send them, so we do.
 */
export const CONFIGMGR_SENDS_TEMPLATE_REFERENCES = true;

const GRAPH = '#microsoft.graph.deviceManagementConfiguration';

/**
 * Renders a draft to its body from the profile catalog (core/policy/catalog): graph-intune.md §4.4 (MDM EDR), §4.5
 * (MDM AV), §4.6 (ConfigMgr), §12.4 (the other profiles). `templateFamily` is read-only and never sent; `writeRef`
 * goes into the description marker so the policy can be found by it (managed-marker.ts).
 */
export function renderPolicyBody(draft: PolicyDraft, writeRef?: string): PolicyBody {
  const profile = profileOrThrow(draft.profile);
  const spec = targetSpec(profile, draft.target);
  if (!spec) throw new Error(`the ${profile.id} profile has no ${draft.target} form`);
  const withTemplates = draft.target === 'intune' || CONFIGMGR_SENDS_TEMPLATE_REFERENCES;
  const flags = ordered(flagsFor(profile, draft.target), profile.bodyOrder);
  return {
    name: draft.name,
    description: withMarker(draft.description, writeRef),
    platforms: spec.platforms,
    technologies: spec.technologies,
    ...(draft.scopeTagIds && draft.scopeTagIds.length > 0 ? { roleScopeTagIds: [...draft.scopeTagIds] } : {}),
    ...(spec.templateId ? { templateReference: { templateId: spec.templateId } } : {}),
    ...(spec.creationSource ? { creationSource: spec.creationSource } : {}),
    settings: [...(spec.fixedSettings ?? []).map(fixedSetting), ...userSettings(flags, draft.settings, withTemplates)],
  };
}

function ordered(flags: readonly FlagDefinition[], order: readonly string[] | undefined): FlagDefinition[] {
  if (!order) return [...flags];
  return [...flags].sort((left, right) => order.indexOf(left.key) - order.indexOf(right.key));
}

/** Top-level settings in flag order; a group collection where its first member is; children under their parent. */
function userSettings(
  flags: readonly FlagDefinition[],
  values: Readonly<Record<string, SettingValue>>,
  withTemplates: boolean,
): SettingBody[] {
  const settings: SettingBody[] = [];
  const groupsDone = new Set<string>();
  for (const flag of flags) {
    if (flag.parent) continue;
    if (flag.group) {
      if (groupsDone.has(flag.group)) continue;
      groupsDone.add(flag.group);
      const members = flags.flatMap((member) => {
        const instance = member.group === flag.group ? instanceOf(member, values, flags, withTemplates) : undefined;
        return instance ? [instance] : [];
      });
      if (members.length > 0) settings.push(wrap(groupCollection(flag.group, members)));
      continue;
    }
    const instance = instanceOf(flag, values, flags, withTemplates);
    if (instance) settings.push(wrap(instance));
  }
  return settings;
}

function instanceOf(
  flag: FlagDefinition,
  values: Readonly<Record<string, SettingValue>>,
  flags: readonly FlagDefinition[],
  withTemplates: boolean,
): Instance | undefined {
  const value = values[flag.key];
  if (value === undefined) return undefined;
  const { graph } = flag;
  switch (graph.shape) {
    case 'choice': {
      const typed = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
      const valueId = graph.values[typed];
      if (valueId === undefined) throw new Error(`${flag.key}: no value id for ${typed}`);
      const children = flags.flatMap((child) => {
        if (child.parent?.key !== flag.key || child.parent.whenParent !== value) return [];
        const instance = instanceOf(child, values, flags, withTemplates);
        return instance ? [instance] : [];
      });
      return choiceInstance(graph.definitionId, valueId, withTemplates ? graph.templates : undefined, children);
    }
    case 'string':
      return {
        '@odata.type': `${GRAPH}SimpleSettingInstance`,
        settingDefinitionId: graph.definitionId,
        simpleSettingValue: { '@odata.type': `${GRAPH}StringSettingValue`, value: String(value) } as never,
      } as Instance;
    case 'string-list':
      return {
        '@odata.type': `${GRAPH}SimpleSettingCollectionInstance`,
        settingDefinitionId: graph.definitionId,
        simpleSettingCollectionValue: (Array.isArray(value) ? value : [String(value)]).map((item: string) => ({
          '@odata.type': `${GRAPH}StringSettingValue`,
          value: item,
        })),
      } as Instance;
  }
}

function groupCollection(definitionId: string, children: Instance[]): Instance {
  return {
    '@odata.type': `${GRAPH}GroupSettingCollectionInstance`,
    settingDefinitionId: definitionId,
    groupSettingCollectionValue: [{ children }],
  } as Instance;
}

function wrap(instance: Instance): SettingBody {
  return { '@odata.type': `${GRAPH}Setting`, settingInstance: instance };
}

/** The onboarding package always comes from the connector; it is never a user choice (graph-intune.md §4.3). */
function fixedSetting(fixed: FixedSetting): SettingBody {
  const children: Instance[] = [];
  if (fixed.secretChild) {
    const secret: Typed<DeviceManagementConfigurationSecretSettingValue> = {
      '@odata.type': `${GRAPH}SecretSettingValue`,
      value: fixed.secretChild.placeholder,
      valueState: 'notEncrypted',
    };
    const child: Typed<DeviceManagementConfigurationSimpleSettingInstance> = {
      '@odata.type': `${GRAPH}SimpleSettingInstance`,
      settingDefinitionId: fixed.secretChild.definitionId,
      simpleSettingValue: secret,
    };
    children.push(child);
  }
  return wrap(choiceInstance(fixed.definitionId, fixed.value, fixed.templates, children));
}

function choiceInstance(
  definitionId: string,
  value: string,
  templates: TemplateRefs | undefined,
  children: DeviceManagementConfigurationSettingInstance[],
): Instance {
  const choice: Typed<DeviceManagementConfigurationChoiceSettingValue> = {
    '@odata.type': `${GRAPH}ChoiceSettingValue`,
    value,
    ...(templates ? { settingValueTemplateReference: { settingValueTemplateId: templates.value } } : {}),
    children,
  };
  const instance: Typed<DeviceManagementConfigurationChoiceSettingInstance> = {
    '@odata.type': `${GRAPH}ChoiceSettingInstance`,
    settingDefinitionId: definitionId,
    ...(templates ? { settingInstanceTemplateReference: { settingInstanceTemplateId: templates.instance } } : {}),
    choiceSettingValue: choice,
  };
  return instance;
}
