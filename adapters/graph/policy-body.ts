import type {
  DeviceManagementConfigurationChoiceSettingInstance,
  DeviceManagementConfigurationChoiceSettingValue,
  DeviceManagementConfigurationPolicy,
  DeviceManagementConfigurationSecretSettingValue,
  DeviceManagementConfigurationSetting,
  DeviceManagementConfigurationSettingInstance,
  DeviceManagementConfigurationSimpleSettingInstance,
} from '@microsoft/microsoft-graph-types-beta';
import type { AntivirusSettings, ConfigMgrAntivirusSettings } from '../../core/policy/antivirus-settings.js';
import type { EdrSettings } from '../../core/policy/edr-settings.js';
import type { PolicyDraft } from '../../core/policy/policy-draft.js';
import { withMarker } from './managed-marker.js';
import {
  ANTIVIRUS_TEMPLATE_ID,
  antivirusSettingIds,
  type ChoiceSettingIds,
  configMgrAntivirusSettingIds,
  EDR_TEMPLATE_ID,
  edrOnboardingIds,
  edrSettingIds,
  sampleSharingValues,
  telemetryValues,
  toggleValue,
} from './setting-catalog.js';

type Typed<T> = T & { '@odata.type': string };
type SettingBody = Typed<DeviceManagementConfigurationSetting>;

/** `technologies` is a flags enum sent comma-joined ("mdm,microsoftSense"), which the typings model as one member. */
export type PolicyBody = Omit<DeviceManagementConfigurationPolicy, 'technologies' | 'settings'> & {
  technologies: 'mdm,microsoftSense' | 'configManager';
  settings: SettingBody[];
};

/**
 * GUESS (graph-intune.md §10.3): whether template-less ConfigMgr policies want the instance/value template
 * references. M365DSC is believed to send them, so we do.
 */
export const CONFIGMGR_SENDS_TEMPLATE_REFERENCES = true;

/**
 * Renders a draft to the exact body of graph-intune.md §4.4 (MDM EDR), §4.5 (MDM AV) or §4.6 (ConfigMgr); `writeRef`
 * goes into the description marker so the policy can be found by it (managed-marker.ts).
 */
export function renderPolicyBody(draft: PolicyDraft, writeRef?: string): PolicyBody {
  const common = {
    name: draft.name,
    description: withMarker(draft.description, writeRef),
    platforms: 'windows10' as const,
  };
  switch (draft.kind) {
    case 'intune-edr':
      return {
        ...common,
        technologies: 'mdm,microsoftSense',
        ...scopeTags(draft.scopeTagIds),
        templateReference: { templateId: EDR_TEMPLATE_ID },
        settings: [onboardingFromConnector(), ...edrSettings(draft.settings, true)],
      };
    case 'intune-antivirus':
      return {
        ...common,
        technologies: 'mdm,microsoftSense',
        ...scopeTags(draft.scopeTagIds),
        templateReference: { templateId: ANTIVIRUS_TEMPLATE_ID },
        settings: antivirusSettings(draft.settings, true),
      };
    case 'configmgr-edr':
      return {
        ...common,
        technologies: 'configManager',
        creationSource: 'SccmEDR',
        settings: configMgrEdrSettings(draft.settings),
      };
    case 'configmgr-antivirus':
      return {
        ...common,
        technologies: 'configManager',
        creationSource: 'SccmAV',
        settings: [
          ...antivirusSettings(draft.settings, CONFIGMGR_SENDS_TEMPLATE_REFERENCES),
          ...configMgrOnlySettings(draft.settings),
        ],
      };
  }
}

/**
 * GUESS (graph-intune.md §4.6 and §10.2): no public code shows SccmEDR settings. We send the MDM sample-sharing
 * and telemetry definitions (their applicability includes configManager) and leave out the onboarding settings,
 * which ConfigMgr includes automatically.
 */
export function configMgrEdrSettings(settings: EdrSettings): SettingBody[] {
  return edrSettings(settings, CONFIGMGR_SENDS_TEMPLATE_REFERENCES);
}

function scopeTags(ids: readonly string[]): { roleScopeTagIds?: string[] } {
  return ids.length === 0 ? {} : { roleScopeTagIds: [...ids] };
}

function edrSettings(settings: EdrSettings, withTemplates: boolean): SettingBody[] {
  return [
    settings.sampleSharing &&
      choiceSetting(edrSettingIds.sampleSharing, sampleSharingValues[settings.sampleSharing], withTemplates),
    settings.telemetry && choiceSetting(edrSettingIds.telemetry, telemetryValues[settings.telemetry], withTemplates),
  ].filter((setting) => setting !== undefined);
}

function antivirusSettings(settings: AntivirusSettings, withTemplates: boolean): SettingBody[] {
  return toggleSettings<keyof typeof antivirusSettingIds>(antivirusSettingIds, settings, withTemplates);
}

function configMgrOnlySettings(settings: ConfigMgrAntivirusSettings): SettingBody[] {
  return toggleSettings<keyof typeof configMgrAntivirusSettingIds>(configMgrAntivirusSettingIds, settings, false);
}

function toggleSettings<K extends string>(
  ids: Record<K, ChoiceSettingIds>,
  settings: Partial<Record<K, boolean>>,
  withTemplates: boolean,
): SettingBody[] {
  return (Object.keys(ids) as K[]).flatMap((key) => {
    const on = settings[key];
    return on === undefined ? [] : [choiceSetting(ids[key], toggleValue(ids[key].definitionId, on), withTemplates)];
  });
}

/** The onboarding package always comes from the connector; it is never a user choice (graph-intune.md §4.3). */
function onboardingFromConnector(): SettingBody {
  const secret: Typed<DeviceManagementConfigurationSecretSettingValue> = {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSecretSettingValue',
    value: edrOnboardingIds.placeholder,
    valueState: 'notEncrypted',
  };
  const child: Typed<DeviceManagementConfigurationSimpleSettingInstance> = {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
    settingDefinitionId: edrOnboardingIds.onboardingFromConnector,
    simpleSettingValue: secret,
  };
  return choiceSetting(edrOnboardingIds.configurationType, edrOnboardingIds.autoFromConnectorValue, true, [child]);
}

function choiceSetting(
  ids: ChoiceSettingIds,
  value: string,
  withTemplates: boolean,
  children: DeviceManagementConfigurationSettingInstance[] = [],
): SettingBody {
  const choice: Typed<DeviceManagementConfigurationChoiceSettingValue> = {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
    value,
    ...(withTemplates && ids.valueTemplateId
      ? { settingValueTemplateReference: { settingValueTemplateId: ids.valueTemplateId } }
      : {}),
    children,
  };
  const instance: Typed<DeviceManagementConfigurationChoiceSettingInstance> = {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
    settingDefinitionId: ids.definitionId,
    ...(withTemplates && ids.instanceTemplateId
      ? { settingInstanceTemplateReference: { settingInstanceTemplateId: ids.instanceTemplateId } }
      : {}),
    choiceSettingValue: choice,
  };
  return { '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting', settingInstance: instance };
}
