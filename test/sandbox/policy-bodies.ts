const ATP = 'device_vendor_msft_windowsadvancedthreatprotection';

/** graph-intune.md §4.3: sample sharing's template references. */
export const SAMPLE_SHARING_TEMPLATES = {
  instance: '6998c81e-2814-4f5e-b492-a6159128a97b',
  value: 'f72c326c-7c5b-4224-b890-0b9b54522bd9',
};

export function choiceSetting(
  definitionId: string,
  value: string,
  templates?: { instance: string; value: string },
): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting',
    settingInstance: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: definitionId,
      ...(templates ? { settingInstanceTemplateReference: { settingInstanceTemplateId: templates.instance } } : {}),
      choiceSettingValue: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
        value,
        ...(templates ? { settingValueTemplateReference: { settingValueTemplateId: templates.value } } : {}),
        children: [],
      },
    },
  };
}

export function sampleSharing(value: '0' | '1' | '7' = '1', withTemplates = false): Record<string, unknown> {
  return choiceSetting(
    `${ATP}_configuration_samplesharing`,
    `${ATP}_configuration_samplesharing_${value}`,
    withTemplates ? SAMPLE_SHARING_TEMPLATES : undefined,
  );
}

export function configMgrEdr(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'EDR (ConfigMgr)',
    description: '',
    platforms: 'windows10',
    technologies: 'configManager',
    creationSource: 'SccmEDR',
    settings: [sampleSharing()],
    ...overrides,
  };
}

export function mdmEdr(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'EDR - Windows 10 (MDM)',
    description: 'Created by Teams bot',
    platforms: 'windows10',
    technologies: 'mdm,microsoftSense',
    roleScopeTagIds: ['0'],
    templateReference: { templateId: '0385b795-0f2f-44ac-8602-9f65bf6adede_1' },
    settings: [sampleSharing('1', true)],
    ...overrides,
  };
}
