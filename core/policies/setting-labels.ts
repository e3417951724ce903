import type { PolicyDraft, PolicyKind } from '../policy/policy-draft.js';

/** Every modelled setting, in the order plans and cards show them, with the words a chat user reads. */
export const SETTING_LABELS = {
  sampleSharing: 'Sample sharing',
  /** Deprecated (graph-intune.md §11.3): sent only when a user asks for it with --telemetry. */
  telemetry: 'Telemetry reporting frequency (deprecated)',
  realTimeMonitoring: 'Real-time monitoring',
  cloudProtection: 'Cloud protection',
  behaviorMonitoring: 'Behavior monitoring',
  scriptScanning: 'Script scanning',
  archiveScanning: 'Archive scanning',
  disableRestorePoint: 'Disable restore point',
  randomizeScheduleTaskTimes: 'Randomize scheduled task times',
  disablePrivacyMode: 'Disable privacy mode',
} as const;

export type SettingKey = keyof typeof SETTING_LABELS;
export type SettingValue = string | boolean;
export const SETTING_KEYS = Object.keys(SETTING_LABELS) as SettingKey[];

const KIND_LABELS: Record<PolicyKind, string> = {
  'intune-edr': 'Endpoint detection and response (MDM, Azure AD groups)',
  'intune-antivirus': 'Microsoft Defender Antivirus (MDM, Azure AD groups)',
  'configmgr-edr': 'Endpoint detection and response (ConfigMgr, collections)',
  'configmgr-antivirus': 'Microsoft Defender Antivirus (ConfigMgr, collections)',
};

export function describeKind(kind: PolicyKind | undefined): string {
  return kind === undefined ? 'another endpoint security profile' : KIND_LABELS[kind];
}

export function describeSettingValue(value: SettingValue | undefined): string {
  if (value === undefined) return 'not configured';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return value;
}

/** The configured settings of a draft, keyed the same way whatever its kind. */
export function settingsOf(draft: PolicyDraft): Partial<Record<SettingKey, SettingValue>> {
  const result: Partial<Record<SettingKey, SettingValue>> = {};
  for (const [key, value] of Object.entries(draft.settings)) {
    if ((typeof value === 'string' || typeof value === 'boolean') && key in SETTING_LABELS)
      result[key as SettingKey] = value;
  }
  return result;
}
