import { findProfile, profiles } from '../policy/catalog/index.js';
import { flagsFor, type SettingValue } from '../policy/catalog/profile-definition.js';
import type { PolicyDraft, PolicyKind } from '../policy/policy-draft.js';

export type { SettingValue } from '../policy/catalog/profile-definition.js';

const TARGET_WORDS = { intune: 'MDM, Azure AD groups', configmgr: 'ConfigMgr, collections' } as const;

/** "Endpoint detection and response (MDM, Azure AD groups)", from the catalog. */
export function describeKind(kind: PolicyKind | undefined): string {
  const [target, ...rest] = (kind ?? '').split('-');
  const profile = findProfile(rest.join('-'));
  if (!profile || (target !== 'intune' && target !== 'configmgr')) return 'another endpoint security profile';
  return `${profile.title} (${TARGET_WORDS[target]})`;
}

export function describeSettingValue(value: SettingValue | undefined): string {
  if (value === undefined) return 'not configured';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  return value as string;
}

/** Every setting of the draft's profile and target, in the order plans and cards show them, with its label. */
export function settingLabelsOf(draft: Pick<PolicyDraft, 'profile' | 'target'>): { key: string; label: string }[] {
  const profile = findProfile(draft.profile);
  return profile ? flagsFor(profile, draft.target).map(({ key, label }) => ({ key, label })) : [];
}

/** The label of a setting key in any profile. */
export function settingLabel(key: string): string {
  for (const profile of profiles) {
    const flag = profile.flags.find((candidate) => candidate.key === key);
    if (flag) return flag.label;
  }
  return key;
}

/** The configured settings of a draft that its profile models. */
export function settingsOf(draft: PolicyDraft): Record<string, SettingValue> {
  const result: Record<string, SettingValue> = {};
  for (const { key } of settingLabelsOf(draft)) {
    const value = draft.settings[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}
