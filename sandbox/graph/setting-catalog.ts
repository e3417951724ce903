import { AV_MDM_TEMPLATE_ID, EDR_MDM_TEMPLATE_ID } from './templates-catalog.js';
import { ASR_RULES_CATALOGS } from './profiles/asr-rules.js';
import {
  type CatalogSetting,
  choice,
  type ProfileCatalog,
  simple,
  simpleCollection,
} from './profiles/catalog-setting.js';
import { EXPLOIT_PROTECTION_CATALOGS } from './profiles/exploit-protection.js';
import { FIREWALL_RULES_CATALOGS } from './profiles/firewall-rules.js';
import { FIREWALL_CATALOGS } from './profiles/firewall.js';
import { SECURITY_EXPERIENCE_CATALOGS } from './profiles/security-experience.js';
import { WEB_PROTECTION_CATALOGS } from './profiles/web-protection.js';

export type { CatalogSetting, ProfileCatalog } from './profiles/catalog-setting.js';

/**
 * The setting definitions each endpoint security profile allows, as data, in one place (graph-intune.md §4.2–4.6,
 * §11.6). MDM profiles come from a template: every setting instance must carry the template's
 * settingInstanceTemplateId and every choice value its settingValueTemplateId. ConfigMgr profiles (creationSource, no
 * template) may carry the same references; when they do, they must match. The `defender_*` ConfigMgr-only ids are
 * written exactly as the note quotes M365DSC.
 */
const ATP = 'device_vendor_msft_windowsadvancedthreatprotection';
const DEFENDER = 'device_vendor_msft_policy_config_defender';

/** graph-intune.md §4.3 (CIPP-API ids). */
const EDR_SETTINGS: readonly CatalogSetting[] = [
  choice(
    `${ATP}_configurationtype`,
    ['autofromconnector', 'onboard', 'offboard'],
    { instance: '23ab0ea3-1b12-429a-8ed0-7390cf699160', value: 'e5c7c98c-c854-4140-836e-bd22db59d651' },
    [`${ATP}_onboarding_fromconnector`, `${ATP}_onboarding`, `${ATP}_offboarding`],
  ),
  simple(`${ATP}_onboarding_fromconnector`),
  simple(`${ATP}_onboarding`),
  simple(`${ATP}_offboarding`),
  choice(`${ATP}_configuration_samplesharing`, ['0', '1'], {
    instance: '6998c81e-2814-4f5e-b492-a6159128a97b',
    value: 'f72c326c-7c5b-4224-b890-0b9b54522bd9',
  }),
  // Deprecated (graph-intune.md §11.3) but still accepted by the service.
  choice(`${ATP}_configuration_telemetryreportingfrequency`, ['1', '2'], {
    instance: '03de6095-07c4-4f35-be38-c1cd3bae4484',
    value: '350b0bea-b67b-43d4-9a04-c796edb961fd',
  }),
];

/** graph-intune.md §4.5 (CIPP ids). */
const ANTIVIRUS_SETTINGS: readonly CatalogSetting[] = [
  ['allowrealtimemonitoring', 'f0790e28-9231-4d37-8f44-84bb47ca1b3e', '0492c452-1069-4b91-9363-93b8e006ab12'],
  ['allowcloudprotection', '7da139f1-9b7e-407d-853a-c2e5037cdc70', '16fe8afd-67be-4c50-8619-d535451a500c'],
  ['allowbehaviormonitoring', '8eef615a-1aa0-46f4-a25a-12cbe65de5ab', '905921da-95e2-4a10-9e30-fe5540002ce1'],
  ['allowarchivescanning', '7c5c9cde-f74d-4d11-904f-de4c27f72d89', '9ead75d4-6f30-4bc5-8cc5-ab0f999d79f0'],
  ['allowscriptscanning', '000cf176-949c-4c08-a5d4-90ed43718db7', 'ab9e4320-c953-4067-ac9a-be2becd06b4a'],
].map(([name, instance, value]) =>
  choice(`${DEFENDER}_${name ?? ''}`, ['0', '1'], { instance: instance ?? '', value: value ?? '' }),
);

/** graph-intune.md §4.6 and §11.6: not part of the MDM Antivirus template. */
const CONFIGMGR_ONLY_ANTIVIRUS_SETTINGS: readonly CatalogSetting[] = [
  'defender_disablerestorepoint',
  'defender_randomizescheduletasktimes',
  'defender_disableprivacymode',
].map((id) => choice(id, ['0', '1']));

/** Exclusions are settings of the ConfigMgr Antivirus profile (graph-intune.md §12.4, M365DSC); lists of strings. */
const CONFIGMGR_ANTIVIRUS_EXCLUSIONS: readonly CatalogSetting[] = [
  'excludedpaths',
  'excludedextensions',
  'excludedprocesses',
].map((name) => simpleCollection(`${DEFENDER}_${name}`));

/** graph-intune.md §4.2 and §12.4; the profiles beyond EDR and Antivirus each in their own file under profiles/. */
export const PROFILE_CATALOGS: readonly ProfileCatalog[] = [
  {
    name: 'Endpoint detection and response (MDM)',
    templateId: EDR_MDM_TEMPLATE_ID,
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    settings: EDR_SETTINGS,
  },
  {
    name: 'Microsoft Defender Antivirus (MDM)',
    templateId: AV_MDM_TEMPLATE_ID,
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    settings: ANTIVIRUS_SETTINGS,
  },
  {
    name: 'Endpoint detection and response (ConfigMgr)',
    creationSource: 'SccmEDR',
    technologies: 'configManager',
    platforms: 'windows10',
    // The onboarding package "is automatically included" for ConfigMgr (graph-intune.md §4.6).
    settings: EDR_SETTINGS.filter(
      (setting) => !setting.definitionId.includes('onboarding') && !setting.definitionId.endsWith('configurationtype'),
    ),
  },
  {
    name: 'Microsoft Defender Antivirus (ConfigMgr)',
    creationSource: 'SccmAV',
    technologies: 'configManager',
    platforms: 'windows10',
    settings: [...ANTIVIRUS_SETTINGS, ...CONFIGMGR_ONLY_ANTIVIRUS_SETTINGS, ...CONFIGMGR_ANTIVIRUS_EXCLUSIONS],
  },
  ...SECURITY_EXPERIENCE_CATALOGS,
  ...ASR_RULES_CATALOGS,
  ...WEB_PROTECTION_CATALOGS,
  ...EXPLOIT_PROTECTION_CATALOGS,
  ...FIREWALL_CATALOGS,
  ...FIREWALL_RULES_CATALOGS,
];

export function catalogSetting(profile: ProfileCatalog, definitionId: string): CatalogSetting | undefined {
  return profile.settings.find((setting) => setting.definitionId === definitionId);
}
