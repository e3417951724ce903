import { defineProfile, type FlagDefinition } from './profile-definition.js';

/** The group every rule is a child of (graph-intune.md §12.4). */
export const ASR_RULES_GROUP = 'device_vendor_msft_policy_config_defender_attacksurfacereductionrules';
const MODES = ['off', 'audit', 'block', 'warn'] as const;

function rule(key: string, label: string, name: string): FlagDefinition {
  const definitionId = `${ASR_RULES_GROUP}_${name}`;
  return {
    key,
    label,
    kind: 'choice',
    choices: MODES,
    group: ASR_RULES_GROUP,
    graph: {
      shape: 'choice',
      definitionId,
      values: Object.fromEntries(MODES.map((mode) => [mode, `${definitionId}_${mode}`])),
    },
  };
}

/** Attack surface reduction rules: graph-intune.md §12.4; MDM template from the terraform provider's template map. */
export const asrRulesProfile = defineProfile({
  id: 'asr-rules',
  title: 'Attack surface reduction rules',
  short: 'ASR rules',
  intune: {
    technologies: 'mdm,microsoftSense',
    platforms: 'windows10',
    templateId: 'e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1',
  },
  configmgr: {
    technologies: 'configManager',
    platforms: 'windows10',
    templateId: '5dd36540-eb22-4e7e-b19c-2a07772ba627_1',
  },
  configMgrMinimum: { rule: '2006', text: 'current branch 2006' },
  flags: [
    rule(
      'blockEmailExecutables',
      'Block executable content from email client and webmail',
      'blockexecutablecontentfromemailclientandwebmail',
    ),
    rule(
      'blockOfficeChildProcesses',
      'Block all Office applications from creating child processes',
      'blockallofficeapplicationsfromcreatingchildprocesses',
    ),
    rule(
      'blockOfficeExecutableContent',
      'Block Office applications from creating executable content',
      'blockofficeapplicationsfromcreatingexecutablecontent',
    ),
    rule(
      'blockOfficeCodeInjection',
      'Block Office applications from injecting code into other processes',
      'blockofficeapplicationsfrominjectingcodeintootherprocesses',
    ),
    rule(
      'blockObfuscatedScripts',
      'Block execution of potentially obfuscated scripts',
      'blockexecutionofpotentiallyobfuscatedscripts',
    ),
    rule(
      'blockOfficeMacroWin32Calls',
      'Block Win32 API calls from Office macros',
      'blockwin32apicallsfromofficemacros',
    ),
    rule(
      'blockLsassCredentialTheft',
      'Block credential stealing from the Windows local security authority subsystem',
      'blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem',
    ),
    rule(
      'blockUsbUntrustedProcesses',
      'Block untrusted and unsigned processes that run from USB',
      'blockuntrustedunsignedprocessesthatrunfromusb',
    ),
  ],
  unconfirmed: [
    'rule definition ids other than blockexecutablecontentfromemailclientandwebmail (seen with its _warn value in an exported definition): named after the CSP rule, as M365DSC names them',
    'warn mode for every rule: Microsoft does not support warn for every rule',
    'intune and configmgr: the template references of the rules group (none sent)',
    // graph-intune.md §11.8 gives minimums for Antivirus, EDR and Firewall only.
    'configmgr: minimum site version (Antivirus minimum assumed)',
  ],
});
