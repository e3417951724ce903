import { choice, groupCollection, type ProfileCatalog } from './catalog-setting.js';

/**
 * Attack surface reduction rules: every rule is a child of the group
 * `device_vendor_msft_policy_config_defender_attacksurfacereductionrules` (graph-intune.md §12.4) with the options
 * off, block, audit and warn (exported setting definitions show `…_warn` as an option of each rule). ConfigMgr template
 * `5dd36540…_1` (§4.2, §12.4), MDM template `e8c053d6…_1` (terraform template map).
 */
const GROUP = 'device_vendor_msft_policy_config_defender_attacksurfacereductionrules';
const RULES = [
  'blockexecutablecontentfromemailclientandwebmail',
  'blockallofficeapplicationsfromcreatingchildprocesses',
  'blockofficeapplicationsfromcreatingexecutablecontent',
  'blockofficeapplicationsfrominjectingcodeintootherprocesses',
  'blockjavascriptorvbscriptfromlaunchingdownloadedexecutablecontent',
  'blockexecutionofpotentiallyobfuscatedscripts',
  'blockwin32apicallsfromofficemacros',
  'blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem',
  'blockprocesscreationsfrompsexecandwmicommands',
  'blockuntrustedunsignedprocessesthatrunfromusb',
  'blockadobereaderfromcreatingchildprocesses',
  'blockpersistencethroughwmieventsubscription',
  'useadvancedprotectionagainstransomware',
].map((rule) => `${GROUP}_${rule}`);

const SETTINGS = [
  groupCollection(GROUP, RULES),
  ...RULES.map((rule) => choice(rule, ['off', 'block', 'audit', 'warn'])),
];

export const ASR_RULES_CATALOGS: readonly ProfileCatalog[] = [
  {
    name: 'Attack surface reduction rules (MDM)',
    templateId: 'e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    settings: SETTINGS,
  },
  {
    name: 'Attack surface reduction rules (ConfigMgr)',
    templateId: '5dd36540-eb22-4e7e-b19c-2a07772ba627_1',
    technologies: 'configManager',
    platforms: 'windows10',
    settings: SETTINGS,
  },
];
