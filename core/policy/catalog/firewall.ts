import { defineProfile, type FlagDefinition } from './profile-definition.js';

const STORE = 'vendor_msft_firewall_mdmstore';

/**
 * One network profile's switch and default actions. The default actions depend on `enablefirewall_true`: they are
 * children of that choice (exported definitions: dependentOn `…_enablefirewall_true`); 0 allows, 1 blocks.
 */
function networkProfile(prefix: string, label: string, name: string): FlagDefinition[] {
  const enable = `${STORE}_${name}_enablefirewall`;
  const action = (direction: 'inbound' | 'outbound'): FlagDefinition => {
    const definitionId = `${STORE}_${name}_default${direction}action`;
    return {
      key: `${prefix}${direction === 'inbound' ? 'Inbound' : 'Outbound'}`,
      label: `${label}: default ${direction} action`,
      kind: 'choice',
      choices: ['allow', 'block'],
      parent: { key: `${prefix}Firewall`, whenParent: true },
      graph: { shape: 'choice', definitionId, values: { allow: `${definitionId}_0`, block: `${definitionId}_1` } },
    };
  };
  return [
    {
      key: `${prefix}Firewall`,
      label: `${label}: firewall`,
      kind: 'toggle',
      graph: { shape: 'choice', definitionId: enable, values: { on: `${enable}_true`, off: `${enable}_false` } },
    },
    action('inbound'),
    action('outbound'),
  ];
}

/** Windows Firewall: ConfigMgr `creationSource: Firewall` (graph-intune.md §12.4), 2006 + KB4578605 (§11.8). */
export const firewallProfile = defineProfile({
  id: 'firewall',
  title: 'Windows Firewall',
  short: 'Firewall',
  intune: {
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    templateId: '6078910e-d808-4a9f-a51d-1b8a7bacb7c0_1',
  },
  // Still marked preview for ConfigMgr devices (graph-intune.md §11.8).
  configmgr: { technologies: 'configManager', platforms: 'windows10', creationSource: 'Firewall', preview: true },
  configMgrMinimum: { rule: '2006', text: 'current branch 2006 with KB4578605', hotfix: 'KB4578605' },
  flags: [
    ...networkProfile('domain', 'Domain network', 'domainprofile'),
    ...networkProfile('private', 'Private network', 'privateprofile'),
    ...networkProfile('public', 'Public network', 'publicprofile'),
  ],
  unconfirmed: [
    'intune: the template references of the firewall settings (none sent)',
    'configmgr: releases after 2006 are taken to include KB4578605 (core/prerequisites/hotfix-on-2006-rule.ts)',
  ],
});
