import { choice, groupCollection, type ProfileCatalog, simple, simpleCollection } from './catalog-setting.js';

/**
 * Windows Firewall rules: ConfigMgr template `48da42ed…_1` (graph-intune.md §12.4: terraform, M365DSC), MDM template
 * `19c8aa67…_1` (terraform template map). A group `vendor_msft_firewall_mdmstore_firewallrules` whose items hold
 * `…_{firewallrulename}_direction`, `_action_type` (`_0` block, `_1` allow: public builders), `_enabled`,
 * `_app_filepath` (§12.4); the name and local port ranges follow the Firewall CSP ([U] as setting ids).
 */
const GROUP = 'vendor_msft_firewall_mdmstore_firewallrules';
const RULE = `${GROUP}_{firewallrulename}`;
const CHILDREN = [
  simple(`${RULE}_name`),
  choice(`${RULE}_direction`, ['in', 'out']),
  choice(`${RULE}_action_type`, ['0', '1']),
  choice(`${RULE}_enabled`, ['0', '1']),
  simple(`${RULE}_app_filepath`),
  simpleCollection(`${RULE}_localportranges`),
  simpleCollection(`${RULE}_remoteportranges`),
];
const SETTINGS = [
  groupCollection(
    GROUP,
    CHILDREN.map((child) => child.definitionId),
  ),
  ...CHILDREN,
];

export const FIREWALL_RULES_CATALOGS: readonly ProfileCatalog[] = [
  {
    name: 'Windows Firewall rules (MDM)',
    templateId: '19c8aa67-f286-4861-9aa0-f23541d31680_1',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    settings: SETTINGS,
  },
  {
    name: 'Windows Firewall rules (ConfigMgr)',
    templateId: '48da42ed-5df7-485e-8b9d-4844ed5a92bd_1',
    technologies: 'configManager',
    platforms: 'windows10',
    settings: SETTINGS,
  },
];
