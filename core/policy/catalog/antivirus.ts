import { defineProfile, type FlagDefinition, toggleValues } from './profile-definition.js';

const DEFENDER = 'device_vendor_msft_policy_config_defender';

/** graph-intune.md §4.5 (CIPP ids). */
function defenderToggle(key: string, label: string, name: string, instance: string, value: string): FlagDefinition {
  const definitionId = `${DEFENDER}_${name}`;
  return {
    key,
    label,
    kind: 'toggle',
    graph: { shape: 'choice', definitionId, values: toggleValues(definitionId), templates: { instance, value } },
  };
}

/** ConfigMgr-only: M365DSC writes them as `defender_<name>` with values `defender_<name>_0|1` (graph-intune.md §4.6). */
function configMgrToggle(key: string, label: string, definitionId: string): FlagDefinition {
  return {
    key,
    label,
    kind: 'toggle',
    targets: ['configmgr'],
    graph: { shape: 'choice', definitionId, values: toggleValues(definitionId) },
  };
}

/** Exclusions are settings of the ConfigMgr Antivirus profile (graph-intune.md §12.4, M365DSC). */
function exclusionList(key: string, label: string, name: string): FlagDefinition {
  return {
    key,
    label,
    kind: 'list',
    targets: ['configmgr'],
    graph: { shape: 'string-list', definitionId: `${DEFENDER}_${name}` },
  };
}

/** Microsoft Defender Antivirus: graph-intune.md §4.2, §4.5, §4.6, §11.6 and §12.4. */
export const antivirusProfile = defineProfile({
  id: 'antivirus',
  title: 'Microsoft Defender Antivirus',
  short: 'Antivirus',
  intune: {
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    templateId: '804339ad-1553-4478-a742-138fb5807418_1',
  },
  configmgr: { technologies: 'configManager', platforms: 'windows10', creationSource: 'SccmAV' },
  configMgrMinimum: { rule: '2006', text: 'current branch 2006' },
  flags: [
    defenderToggle(
      'realTimeMonitoring',
      'Real-time monitoring',
      'allowrealtimemonitoring',
      'f0790e28-9231-4d37-8f44-84bb47ca1b3e',
      '0492c452-1069-4b91-9363-93b8e006ab12',
    ),
    defenderToggle(
      'cloudProtection',
      'Cloud protection',
      'allowcloudprotection',
      '7da139f1-9b7e-407d-853a-c2e5037cdc70',
      '16fe8afd-67be-4c50-8619-d535451a500c',
    ),
    defenderToggle(
      'behaviorMonitoring',
      'Behavior monitoring',
      'allowbehaviormonitoring',
      '8eef615a-1aa0-46f4-a25a-12cbe65de5ab',
      '905921da-95e2-4a10-9e30-fe5540002ce1',
    ),
    defenderToggle(
      'scriptScanning',
      'Script scanning',
      'allowscriptscanning',
      '000cf176-949c-4c08-a5d4-90ed43718db7',
      'ab9e4320-c953-4067-ac9a-be2becd06b4a',
    ),
    defenderToggle(
      'archiveScanning',
      'Archive scanning',
      'allowarchivescanning',
      '7c5c9cde-f74d-4d11-904f-de4c27f72d89',
      '9ead75d4-6f30-4bc5-8cc5-ab0f999d79f0',
    ),
    configMgrToggle('disableRestorePoint', 'Disable restore point', 'defender_disablerestorepoint'),
    configMgrToggle(
      'randomizeScheduleTaskTimes',
      'Randomize scheduled task times',
      'defender_randomizescheduletasktimes',
    ),
    configMgrToggle('disablePrivacyMode', 'Disable privacy mode', 'defender_disableprivacymode'),
    exclusionList('excludedPaths', 'Excluded paths', 'excludedpaths'),
    exclusionList('excludedExtensions', 'Excluded extensions', 'excludedextensions'),
    exclusionList('excludedProcesses', 'Excluded processes', 'excludedprocesses'),
  ],
  // The body order of the code before the catalog (test/clients/golden): archive scanning before script scanning.
  bodyOrder: [
    'realTimeMonitoring',
    'cloudProtection',
    'behaviorMonitoring',
    'archiveScanning',
    'scriptScanning',
    'disableRestorePoint',
    'randomizeScheduleTaskTimes',
    'disablePrivacyMode',
    'excludedPaths',
    'excludedExtensions',
    'excludedProcesses',
  ],
  unconfirmed: [
    // graph-intune.md §10.3: whether template-less ConfigMgr policies want the MDM template references.
    'configmgr: the MDM template references are sent on the shared Defender settings',
    // §12.4 names the exclusion definitions from M365DSC; the shape (a string collection) is from the CSP, not a body.
    'configmgr: exclusions written as simple setting collections of strings',
  ],
});
