import { defineProfile, toggleValues } from './profile-definition.js';

const TAMPER = 'vendor_msft_defender_configuration_tamperprotection';

/** Windows Security experience: graph-intune.md §4.2 (MDM template) and §12.4 (ConfigMgr `WindowsSecurity`). */
export const securityExperienceProfile = defineProfile({
  id: 'security-experience',
  title: 'Windows Security experience',
  short: 'Windows Security experience',
  intune: {
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    templateId: 'd948ff9b-99cb-4ee0-8012-1fbc09685377_1',
  },
  configmgr: { technologies: 'configManager', platforms: 'windows10', creationSource: 'WindowsSecurity' },
  configMgrMinimum: { rule: '2006', text: 'current branch 2006' },
  flags: [
    {
      key: 'tamperProtection',
      label: 'Tamper protection',
      kind: 'toggle',
      graph: { shape: 'choice', definitionId: TAMPER, values: toggleValues(TAMPER) },
    },
  ],
  unconfirmed: [
    'tamper protection values _1 (on) and _0 (off): only a public mock shows _1',
    'intune: the template references of the tamper protection setting (none sent)',
    'configmgr: minimum site version (Antivirus minimum assumed)',
  ],
});
