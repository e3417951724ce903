const ATP = 'device_vendor_msft_windowsadvancedthreatprotection';

export function sampleSharing(value: '0' | '1' | '7' = '1'): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting',
    settingInstance: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: `${ATP}_configuration_samplesharing`,
      choiceSettingValue: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
        value: `${ATP}_configuration_samplesharing_${value}`,
        children: [],
      },
    },
  };
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
    settings: [sampleSharing()],
    ...overrides,
  };
}
