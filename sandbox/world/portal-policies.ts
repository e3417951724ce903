import type { PolicyStore } from './policy-store.js';
import { ASSIGNMENT_FILTERS } from './assignment-filters.js';
import { stableGuid } from './rng.js';

export const PORTAL_POLICY_NAME = 'EDR - Finance (portal)';

/**
 * A ConfigMgr EDR policy an admin made in the admin center (no AttachOps marker), assigned to PS100015 with an include
 * filter: what a merge must keep byte for byte (graph-intune.md §11.2). Scenario `ready` only.
 */
export function addPortalPolicy(policies: PolicyStore, createdIso: string, createdMs: number): void {
  const id = stableGuid('portal-policy', 'edr-finance');
  const filter = ASSIGNMENT_FILTERS[0];
  const target = {
    '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
    deviceAndAppManagementAssignmentFilterId: filter?.id ?? null,
    deviceAndAppManagementAssignmentFilterType: 'include',
    collectionId: 'PS100015',
  };
  policies.put({
    id,
    properties: {
      name: PORTAL_POLICY_NAME,
      description: 'Made in the Intune admin center',
      platforms: 'windows10',
      technologies: 'configManager',
      roleScopeTagIds: ['0'],
      creationSource: 'SccmEDR',
      templateReference: {
        templateId: '',
        templateFamily: 'none',
        templateDisplayName: null,
        templateDisplayVersion: null,
      },
      createdDateTime: createdIso,
      lastModifiedDateTime: createdIso,
      priorityMetaData: null,
    },
    settings: [
      {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting',
        id: '0',
        settingInstance: {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
          settingDefinitionId: 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing',
          settingInstanceTemplateReference: null,
          choiceSettingValue: {
            '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
            value: 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing_1',
            settingValueTemplateReference: null,
            children: [],
          },
        },
      },
    ],
    assignments: [{ id: `${id}_ps100015`, target }],
    targetAssignedAtMs: new Map([['configurationManagerCollectionAssignmentTarget:ps100015', createdMs]]),
  });
}
