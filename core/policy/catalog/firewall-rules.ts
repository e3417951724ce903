import { defineProfile, type FlagDefinition } from './profile-definition.js';

export const FIREWALL_RULES_GROUP = 'vendor_msft_firewall_mdmstore_firewallrules';
const RULE = `${FIREWALL_RULES_GROUP}_{firewallrulename}`;

function ruleSetting(flag: Omit<FlagDefinition, 'group'>): FlagDefinition {
  return { ...flag, group: FIREWALL_RULES_GROUP };
}

/** Firewall rules (one rule per policy): graph-intune.md §12.4 (ConfigMgr template, `_direction`, `_action_type`, `_app_filepath`). */
export const firewallRulesProfile = defineProfile({
  id: 'firewall-rules',
  title: 'Windows Firewall rules',
  short: 'Firewall rules',
  intune: {
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    templateId: '19c8aa67-f286-4861-9aa0-f23541d31680_1',
  },
  configmgr: {
    technologies: 'configManager',
    platforms: 'windows10',
    templateId: '48da42ed-5df7-485e-8b9d-4844ed5a92bd_1',
    preview: true,
  },
  configMgrMinimum: { rule: '2006', text: 'current branch 2006 with KB4578605', hotfix: 'KB4578605' },
  flags: [
    ruleSetting({
      key: 'ruleName',
      label: 'Rule name',
      kind: 'text',
      graph: { shape: 'string', definitionId: `${RULE}_name` },
    }),
    ruleSetting({
      key: 'direction',
      label: 'Direction',
      kind: 'choice',
      choices: ['in', 'out'],
      graph: {
        shape: 'choice',
        definitionId: `${RULE}_direction`,
        values: { in: `${RULE}_direction_in`, out: `${RULE}_direction_out` },
      },
    }),
    ruleSetting({
      key: 'action',
      label: 'Action',
      kind: 'choice',
      choices: ['allow', 'block'],
      // Public builders write _1 for Allow and _0 for Block.
      graph: {
        shape: 'choice',
        definitionId: `${RULE}_action_type`,
        values: { allow: `${RULE}_action_type_1`, block: `${RULE}_action_type_0` },
      },
    }),
    ruleSetting({
      key: 'programPath',
      label: 'Program path',
      kind: 'text',
      graph: { shape: 'string', definitionId: `${RULE}_app_filepath` },
    }),
    ruleSetting({
      key: 'ports',
      label: 'Local ports',
      kind: 'list',
      graph: { shape: 'string-list', definitionId: `${RULE}_localportranges` },
    }),
  ],
  unconfirmed: [
    'the rule name, direction (_in/_out) and local port range definitions: named after the Firewall CSP, not seen in a body',
    'intune and configmgr: the template references of the rules group (none sent)',
    'configmgr: releases after 2006 are taken to include KB4578605 (core/prerequisites/hotfix-on-2006-rule.ts)',
  ],
});
