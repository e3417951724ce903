/** Setting ids of graph-intune.md §4.3 (EDR) and §4.5/§4.6 (Antivirus). */
export interface ChoiceSettingIds {
  readonly definitionId: string;
  /** Absent for the ConfigMgr-only settings, whose template ids the note does not give. */
  readonly instanceTemplateId?: string;
  readonly valueTemplateId?: string;
}

export const EDR_TEMPLATE_ID = '0385b795-0f2f-44ac-8602-9f65bf6adede_1';
export const ANTIVIRUS_TEMPLATE_ID = '804339ad-1553-4478-a742-138fb5807418_1';

const ATP = 'device_vendor_msft_windowsadvancedthreatprotection';
const DEFENDER = 'device_vendor_msft_policy_config_defender';

export const edrOnboardingIds = {
  configurationType: {
    definitionId: `${ATP}_configurationtype`,
    instanceTemplateId: '23ab0ea3-1b12-429a-8ed0-7390cf699160',
    valueTemplateId: 'e5c7c98c-c854-4140-836e-bd22db59d651',
  },
  autoFromConnectorValue: `${ATP}_configurationtype_autofromconnector`,
  onboardingFromConnector: `${ATP}_onboarding_fromconnector`,
  /** CIPP's placeholder; the service replaces it with the connector's blob (graph-intune.md §4.3). */
  placeholder: 'Microsoft ATP connector enabled',
} as const;

export const edrSettingIds = {
  sampleSharing: {
    definitionId: `${ATP}_configuration_samplesharing`,
    instanceTemplateId: '6998c81e-2814-4f5e-b492-a6159128a97b',
    valueTemplateId: 'f72c326c-7c5b-4224-b890-0b9b54522bd9',
  },
  telemetry: {
    definitionId: `${ATP}_configuration_telemetryreportingfrequency`,
    instanceTemplateId: '03de6095-07c4-4f35-be38-c1cd3bae4484',
    valueTemplateId: '350b0bea-b67b-43d4-9a04-c796edb961fd',
  },
} as const satisfies Record<string, ChoiceSettingIds>;

/**
 * Settings no body carries unless a user asks for them explicitly: M365DSC and CIPP dropped telemetry reporting
 * frequency from their EDR policies as deprecated (graph-intune.md §11.3).
 */
export const DEPRECATED_SETTING_DEFINITION_IDS: ReadonlySet<string> = new Set([edrSettingIds.telemetry.definitionId]);

export const sampleSharingValues = {
  none: `${ATP}_configuration_samplesharing_0`,
  all: `${ATP}_configuration_samplesharing_1`,
} as const;
export const telemetryValues = {
  normal: `${ATP}_configuration_telemetryreportingfrequency_1`,
  expedited: `${ATP}_configuration_telemetryreportingfrequency_2`,
} as const;

export const antivirusSettingIds = {
  realTimeMonitoring: {
    definitionId: `${DEFENDER}_allowrealtimemonitoring`,
    instanceTemplateId: 'f0790e28-9231-4d37-8f44-84bb47ca1b3e',
    valueTemplateId: '0492c452-1069-4b91-9363-93b8e006ab12',
  },
  cloudProtection: {
    definitionId: `${DEFENDER}_allowcloudprotection`,
    instanceTemplateId: '7da139f1-9b7e-407d-853a-c2e5037cdc70',
    valueTemplateId: '16fe8afd-67be-4c50-8619-d535451a500c',
  },
  behaviorMonitoring: {
    definitionId: `${DEFENDER}_allowbehaviormonitoring`,
    instanceTemplateId: '8eef615a-1aa0-46f4-a25a-12cbe65de5ab',
    valueTemplateId: '905921da-95e2-4a10-9e30-fe5540002ce1',
  },
  archiveScanning: {
    definitionId: `${DEFENDER}_allowarchivescanning`,
    instanceTemplateId: '7c5c9cde-f74d-4d11-904f-de4c27f72d89',
    valueTemplateId: '9ead75d4-6f30-4bc5-8cc5-ab0f999d79f0',
  },
  scriptScanning: {
    definitionId: `${DEFENDER}_allowscriptscanning`,
    instanceTemplateId: '000cf176-949c-4c08-a5d4-90ed43718db7',
    valueTemplateId: 'ab9e4320-c953-4067-ac9a-be2becd06b4a',
  },
} as const satisfies Record<string, ChoiceSettingIds>;

/**
 * ConfigMgr-only Antivirus settings. M365DSC writes them as `defender_<name>` with values `defender_<name>_0|1`
 * (graph-intune.md §4.6); no template ids are known for them, so none are sent.
 */
export const configMgrAntivirusSettingIds = {
  disableRestorePoint: { definitionId: 'defender_disablerestorepoint' },
  randomizeScheduleTaskTimes: { definitionId: 'defender_randomizescheduletasktimes' },
  disablePrivacyMode: { definitionId: 'defender_disableprivacymode' },
} as const satisfies Record<string, ChoiceSettingIds>;

/** Every modelled setting: `<definitionId>_1` means on, `_0` off (graph-intune.md §4.5). */
export function toggleValue(definitionId: string, on: boolean): string {
  return `${definitionId}_${on ? 1 : 0}`;
}
