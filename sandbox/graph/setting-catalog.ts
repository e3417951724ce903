/**
 * Setting definitions the sandbox knows, with their allowed choice values (graph-intune.md §4.3, §4.5, §4.6).
 * Definition ids outside this catalog are rejected like the service rejects unknown definitions.
 * `defender_*` ConfigMgr-only ids are written exactly as the note quotes M365DSC; their full form is unverified.
 */
type Definition = { readonly kind: 'choice'; readonly options: readonly string[] } | { readonly kind: 'simple' };

const ATP = 'device_vendor_msft_windowsadvancedthreatprotection';
const DEFENDER = 'device_vendor_msft_policy_config_defender';

const choice = (id: string, suffixes: readonly string[]): [string, Definition] => [
  id,
  { kind: 'choice', options: suffixes.map((s) => `${id}_${s}`) },
];
const simple = (id: string): [string, Definition] => [id, { kind: 'simple' }];

export const SETTING_DEFINITIONS: ReadonlyMap<string, Definition> = new Map([
  choice(`${ATP}_configurationtype`, ['autofromconnector', 'onboard', 'offboard']),
  simple(`${ATP}_onboarding_fromconnector`),
  simple(`${ATP}_onboarding`),
  simple(`${ATP}_offboarding`),
  choice(`${ATP}_configuration_samplesharing`, ['0', '1']),
  choice(`${ATP}_configuration_telemetryreportingfrequency`, ['1', '2']),
  ...[
    'allowrealtimemonitoring',
    'allowcloudprotection',
    'allowbehaviormonitoring',
    'allowarchivescanning',
    'allowscriptscanning',
    'allowioavprotection',
    'allowonaccessprotection',
  ].map((name) => choice(`${DEFENDER}_${name}`, ['0', '1'])),
  ...['defender_disablerestorepoint', 'defender_randomizescheduletasktimes', 'defender_disableprivacymode'].map((id) =>
    choice(id, ['0', '1']),
  ),
]);
