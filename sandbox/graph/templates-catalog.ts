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
  // The ids below: the terraform provider's template map (graph-intune.md §12.4 names its ConfigMgr entries).
  ...[
    [
      'e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1',
      'Attack Surface Reduction Rules',
      'endpointSecurityAttackSurfaceReduction',
      'mdm,microsoftSense',
    ],
    ['d02f2162-fcac-48db-9b7b-b0a3f160d2c2_1', 'Exploit Protection', 'endpointSecurityAttackSurfaceReduction', 'mdm'],
    [
      '6078910e-d808-4a9f-a51d-1b8a7bacb7c0_1',
      'Microsoft Defender Firewall',
      'endpointSecurityFirewall',
      'mdm,microsoftSense',
    ],
    [
      '19c8aa67-f286-4861-9aa0-f23541d31680_1',
      'Microsoft Defender Firewall Rules',
      'endpointSecurityFirewall',
      'mdm,microsoftSense',
    ],
    [
      '48da42ed-5df7-485e-8b9d-4844ed5a92bd_1',
      'Windows Firewall Rules (ConfigMgr)',
      'endpointSecurityFirewall',
      'configManager',
    ],
  ].map(([id, displayName, templateFamily, technologies]): PolicyTemplate => ({
    id: id ?? '',
    displayName: displayName ?? '',
    templateFamily: templateFamily ?? '',
    technologies: technologies ?? '',
    platforms: 'windows10',
    displayVersion: 'Version 1',
    settingTemplateCount: 1,
  })),
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
