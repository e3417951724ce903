/** Template ids and families from graph-intune.md §4.2 (CODE-sourced ids). */
export interface PolicyTemplate {
  readonly id: string;
  readonly displayName: string;
  readonly templateFamily: string;
  readonly technologies: string;
  readonly platforms: string;
  readonly displayVersion: string;
  readonly settingTemplateCount: number;
}

export const EDR_MDM_TEMPLATE_ID = '0385b795-0f2f-44ac-8602-9f65bf6adede_1';
export const AV_MDM_TEMPLATE_ID = '804339ad-1553-4478-a742-138fb5807418_1';

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: EDR_MDM_TEMPLATE_ID,
    displayName: 'Endpoint detection and response',
    templateFamily: 'endpointSecurityEndpointDetectionAndResponse',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 3,
  },
  {
    id: AV_MDM_TEMPLATE_ID,
    displayName: 'Microsoft Defender Antivirus',
    templateFamily: 'endpointSecurityAntivirus',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 5,
  },
  {
    id: '45fea5e9-280d-4da1-9792-fb5736da0ca9_1',
    displayName: 'Microsoft Defender Antivirus exclusions',
    templateFamily: 'endpointSecurityAntivirus',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 3,
  },
  {
    id: 'e3f74c5a-a6de-411d-aef6-eb15628f3a0a_1',
    displayName: 'Defender Update controls',
    templateFamily: 'endpointSecurityAntivirus',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 4,
  },
  {
    id: 'd948ff9b-99cb-4ee0-8012-1fbc09685377_1',
    displayName: 'Windows Security experience',
    templateFamily: 'endpointSecurityAntivirus',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 12,
  },
  {
    id: '5dd36540-eb22-4e7e-b19c-2a07772ba627_1',
    displayName: 'Attack Surface Reduction Rules (ConfigMgr)',
    templateFamily: 'endpointSecurityAttackSurfaceReduction',
    technologies: 'configManager',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 1,
  },
];

export function templateJson(t: PolicyTemplate): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicyTemplate',
    id: t.id,
    baseId: t.id.replace(/_\d+$/, ''),
    version: 1,
    displayName: t.displayName,
    description: '',
    displayVersion: t.displayVersion,
    lifecycleState: 'active',
    platforms: t.platforms,
    technologies: t.technologies,
    templateFamily: t.templateFamily,
    allowUnmanagedSettings: false,
    settingTemplateCount: t.settingTemplateCount,
  };
}

export const ROLE_SCOPE_TAGS = [
  { id: '0', displayName: 'Default', description: 'Built-in default scope tag', isBuiltIn: true },
  { id: '1', displayName: 'EU Devices', description: 'Devices in Europe', isBuiltIn: false },
  { id: '2', displayName: 'US Devices', description: 'Devices in the US', isBuiltIn: false },
] as const;
