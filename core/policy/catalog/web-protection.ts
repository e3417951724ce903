import { defineProfile } from './profile-definition.js';

const NETWORK_PROTECTION = 'device_vendor_msft_policy_config_defender_enablenetworkprotection';

/** Web protection (ConfigMgr only, preview): creationSource `ASR_WebProtection` (graph-intune.md §12.4, terraform only). */
export const webProtectionProfile = defineProfile({
  id: 'web-protection',
  title: 'Web protection',
  short: 'web protection',
  configmgr: {
    technologies: 'configManager',
    platforms: 'windows10',
    creationSource: 'ASR_WebProtection',
    preview: true,
  },
  configMgrMinimum: { rule: '2006', text: 'current branch 2006' },
  flags: [
    {
      key: 'networkProtection',
      label: 'Network protection',
      kind: 'choice',
      choices: ['off', 'block', 'audit'],
      // The values are the MDM definition's options (_0 disabled, _1 block mode, _2 audit mode).
      graph: {
        shape: 'choice',
        definitionId: NETWORK_PROTECTION,
        values: { off: `${NETWORK_PROTECTION}_0`, block: `${NETWORK_PROTECTION}_1`, audit: `${NETWORK_PROTECTION}_2` },
      },
    },
  ],
  unconfirmed: [
    'configmgr: the ASR_WebProtection setting ids (the MDM network protection definition is sent)',
    'configmgr: minimum site version (Antivirus minimum assumed)',
  ],
});
