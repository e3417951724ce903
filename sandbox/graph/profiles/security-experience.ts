import { choice, type ProfileCatalog } from './catalog-setting.js';

/**
 * Windows Security experience. MDM template `d948ff9b…_1` (graph-intune.md §4.2, terraform template map); ConfigMgr
 * `creationSource: WindowsSecurity` with tamper protection `vendor_msft_defender_configuration_tamperprotection`
 * (§12.4, terraform, M365DSC). Its template references are not known, so none are required ([U]).
 */
const TAMPER = choice('vendor_msft_defender_configuration_tamperprotection', ['0', '1']);

export const SECURITY_EXPERIENCE_CATALOGS: readonly ProfileCatalog[] = [
  {
    name: 'Windows Security experience (MDM)',
    templateId: 'd948ff9b-99cb-4ee0-8012-1fbc09685377_1',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    settings: [TAMPER],
  },
  {
    name: 'Windows Security experience (ConfigMgr)',
    creationSource: 'WindowsSecurity',
    technologies: 'configManager',
    platforms: 'windows10',
    settings: [TAMPER],
  },
];
