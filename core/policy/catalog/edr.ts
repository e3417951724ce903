import { defineProfile } from './profile-definition.js';

const ATP = 'device_vendor_msft_windowsadvancedthreatprotection';

/** Endpoint detection and response: graph-intune.md §4.2–4.4 (CIPP-API ids), §4.6 and §12.3 (ConfigMgr). */
export const edrProfile = defineProfile({
  id: 'edr',
  title: 'Endpoint detection and response',
  short: 'EDR',
  intune: {
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    templateId: '0385b795-0f2f-44ac-8602-9f65bf6adede_1',
    // The onboarding package always comes from the connector; it is never a user choice (graph-intune.md §4.3).
    fixedSettings: [
      {
        definitionId: `${ATP}_configurationtype`,
        value: `${ATP}_configurationtype_autofromconnector`,
        templates: { instance: '23ab0ea3-1b12-429a-8ed0-7390cf699160', value: 'e5c7c98c-c854-4140-836e-bd22db59d651' },
        // CIPP's placeholder; the service replaces it with the connector's blob (graph-intune.md §4.3).
        secretChild: {
          definitionId: `${ATP}_onboarding_fromconnector`,
          placeholder: 'Microsoft ATP connector enabled',
        },
      },
    ],
    planNote: { subject: 'Onboarding package', detail: 'from the Defender for Endpoint connector' },
  },
  configmgr: { technologies: 'configManager', platforms: 'windows10', creationSource: 'SccmEDR' },
  configMgrMinimum: { rule: 'edr', text: 'current branch 2002 with KB4563473, or 2006' },
  flags: [
    {
      key: 'sampleSharing',
      label: 'Sample sharing',
      kind: 'choice',
      choices: ['all', 'none'],
      graph: {
        shape: 'choice',
        definitionId: `${ATP}_configuration_samplesharing`,
        values: { none: `${ATP}_configuration_samplesharing_0`, all: `${ATP}_configuration_samplesharing_1` },
        templates: { instance: '6998c81e-2814-4f5e-b492-a6159128a97b', value: 'f72c326c-7c5b-4224-b890-0b9b54522bd9' },
      },
    },
    {
      key: 'telemetry',
      // Deprecated (graph-intune.md §11.3): sent only when a user asks for it with --telemetry.
      label: 'Telemetry reporting frequency (deprecated)',
      kind: 'choice',
      choices: ['normal', 'expedited'],
      help: 'deprecated, only if you need it',
      graph: {
        shape: 'choice',
        definitionId: `${ATP}_configuration_telemetryreportingfrequency`,
        values: {
          normal: `${ATP}_configuration_telemetryreportingfrequency_1`,
          expedited: `${ATP}_configuration_telemetryreportingfrequency_2`,
        },
        templates: { instance: '03de6095-07c4-4f35-be38-c1cd3bae4484', value: '350b0bea-b67b-43d4-9a04-c796edb961fd' },
      },
    },
  ],
  unconfirmed: [
    // graph-intune.md §4.6 and §12.3: no public example shows SccmEDR settings; we send the MDM definitions.
    'configmgr: the settings of an SccmEDR policy (the MDM sample-sharing and telemetry definitions are sent)',
  ],
});
