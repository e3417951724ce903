import { type CatalogSetting, choice, type ProfileCatalog } from './catalog-setting.js';

/**
 * Windows Firewall: ConfigMgr `creationSource: Firewall` (graph-intune.md §12.4: terraform; Microsoft's
 * Test-IntuneFirewallRules filters on it), MDM template `6078910e…_1` (terraform template map). Per network profile
 * `vendor_msft_firewall_mdmstore_<profile>_enablefirewall` (`_true`/`_false`); the default inbound and outbound actions
 * (`_0` allow, `_1` block) depend on `…_enablefirewall_true` in the exported definitions, so they are its children.
 */
function networkProfile(name: string): CatalogSetting[] {
  const store = `vendor_msft_firewall_mdmstore_${name}`;
  const inbound = `${store}_defaultinboundaction`;
  const outbound = `${store}_defaultoutboundaction`;
  return [
    choice(`${store}_enablefirewall`, ['true', 'false'], undefined, [inbound, outbound]),
    choice(inbound, ['0', '1']),
    choice(outbound, ['0', '1']),
  ];
}

const SETTINGS = ['domainprofile', 'privateprofile', 'publicprofile'].flatMap(networkProfile);
export const FIREWALL_CATALOGS: readonly ProfileCatalog[] = [
  {
    name: 'Windows Firewall (MDM)',
    templateId: '6078910e-d808-4a9f-a51d-1b8a7bacb7c0_1',
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    settings: SETTINGS,
  },
  {
    name: 'Windows Firewall (ConfigMgr)',
    creationSource: 'Firewall',
    technologies: 'configManager',
    platforms: 'windows10',
    settings: SETTINGS,
  },
];
