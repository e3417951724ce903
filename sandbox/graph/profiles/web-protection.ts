import { choice, type ProfileCatalog } from './catalog-setting.js';

/**
 * Web protection, ConfigMgr only and preview: `creationSource: ASR_WebProtection` (graph-intune.md §12.4, terraform
 * only). Its setting ids are not published ([U]); the sandbox takes network protection
 * `device_vendor_msft_policy_config_defender_enablenetworkprotection` with the options 0 (disabled), 1 (block mode) and
 * 2 (audit mode) of the exported MDM definition.
 */
export const WEB_PROTECTION_CATALOGS: readonly ProfileCatalog[] = [
  {
    name: 'Web protection (ConfigMgr)',
    creationSource: 'ASR_WebProtection',
    technologies: 'configManager',
    platforms: 'windows10',
    settings: [choice('device_vendor_msft_policy_config_defender_enablenetworkprotection', ['0', '1', '2'])],
  },
];
