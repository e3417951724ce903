import { findProfile, profiles } from '../policy/catalog/index.js';
import {
  type FlagDefinition,
  flagsFor,
  type PolicyTarget,
  type ProfileDefinition,
  type SettingValue,
  targetSpec,
} from '../policy/catalog/profile-definition.js';
import { UserFacingError } from '../user-facing-error.js';
import type { PolicyCreateIntent } from './policy-create-intent.js';

export type OnOff = 'on' | 'off';

/** The options of `policy create` after argument binding: the camelCase of each `--kebab-case` flag, as typed. */
export interface PolicyCreateFlags {
  readonly profile: string;
  readonly target: PolicyTarget;
  readonly name: string;
  readonly description?: string;
  readonly scopeTags?: string;
  /** The settings of the profile's catalog file, as typed (`on`, `block`, `a,b`). */
  readonly [setting: string]: string | undefined;
}

export const CONFIGMGR_SCOPE_TAGS_MESSAGE = 'the ConfigMgr profile does not support scope tags';
const COMMON = new Set(['profile', 'target', 'name', 'description', 'scopeTags']);
const TARGET_NAMES = { intune: 'Intune (MDM)', configmgr: 'ConfigMgr' } as const;

/** Flags to the settings of the profile's catalog file; every flag that does not fit or has a wrong value is named. */
export function createIntentFromFlags(flags: PolicyCreateFlags): PolicyCreateIntent {
  const profile = findProfile(flags.profile);
  if (!profile) {
    throw new UserFacingError(
      `There is no ${flags.profile} profile`,
      `The profiles are ${profiles.map((known) => known.id).join(', ')}.`,
      'Type help policy create to see them.',
    );
  }
  if (!targetSpec(profile, flags.target)) {
    const other = flags.target === 'intune' ? 'configmgr' : 'intune';
    throw new UserFacingError(
      `The ${profile.title} profile is not offered for ${TARGET_NAMES[flags.target]}`,
      `Microsoft has no ${profile.title} profile for ${flags.target === 'intune' ? 'Azure AD groups' : 'ConfigMgr collections'}.`,
      `Use --target ${other}.`,
    );
  }
  const given = Object.entries(flags).filter(
    (entry): entry is [string, string] => !COMMON.has(entry[0]) && entry[1] !== undefined,
  );
  const problems = [...targetProblems(flags), ...given.flatMap(([key]) => fitProblems(profile, flags.target, key))];
  if (problems.length > 0) {
    throw new UserFacingError(
      'These options do not fit this policy',
      problems.join('\n'),
      `Type help policy create ${profile.id} to see the options of this profile.`,
    );
  }
  const own = new Map(flagsFor(profile, flags.target).map((flag) => [flag.key, flag]));
  const valueProblems = given.flatMap(([key, text]) => {
    const flag = own.get(key);
    return flag && parseValue(flag, text) === undefined ? [invalidValue(flag, text)] : [];
  });
  if (valueProblems.length > 0) {
    throw new UserFacingError(
      valueProblems.length === 1 ? 'This value is not allowed' : 'These values are not allowed',
      valueProblems.join('\n'),
      `Type help policy create ${profile.id} to see the values each option takes.`,
    );
  }
  const settings: Record<string, SettingValue> = {};
  for (const [key, text] of given) {
    const flag = own.get(key);
    const value = flag && parseValue(flag, text);
    if (value !== undefined) settings[key] = value;
  }
  const scopeTags = flags.scopeTags === undefined ? undefined : splitList(flags.scopeTags);
  return {
    profile: profile.id,
    target: flags.target,
    name: flags.name.trim(),
    ...(flags.description === undefined ? {} : { description: flags.description.trim() }),
    ...(scopeTags === undefined ? {} : { scopeTags }),
    settings,
  };
}

/** "a, b,,c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The values a flag takes, as help and error cards show them. */
export function allowedValues(flag: FlagDefinition): string {
  switch (flag.kind) {
    case 'toggle':
      return 'on|off';
    case 'choice':
      return (flag.choices ?? []).join('|');
    case 'list':
      return '"<value>,<value>"';
    case 'text':
      return '"<text>"';
  }
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function parseValue(flag: FlagDefinition, text: string): SettingValue | undefined {
  const value = text.trim();
  switch (flag.kind) {
    case 'toggle':
      return value === 'on' ? true : value === 'off' ? false : undefined;
    case 'choice':
      return flag.choices?.includes(value) ? value : undefined;
    case 'list': {
      const items = splitList(value);
      return items.length === 0 ? undefined : items;
    }
    case 'text':
      return value === '' ? undefined : value;
  }
}

function invalidValue(flag: FlagDefinition, text: string): string {
  const allowed = allowedValues(flag).split('|').join(', ');
  return `--${kebab(flag.key)} does not take "${text}"; it takes ${flag.kind === 'list' || flag.kind === 'text' ? `a non-empty ${allowed}` : allowed}.`;
}

function fitProblems(profile: ProfileDefinition, target: PolicyTarget, key: string): string[] {
  const flag = profile.flags.find((candidate) => candidate.key === key);
  if (!flag) {
    const owner = profiles.find((other) => other.flags.some((candidate) => candidate.key === key));
    return owner
      ? [
          `--${kebab(key)} is ${article(owner.short)} ${owner.short} setting; ${article(profile.short)} ${profile.short} policy does not have it.`,
        ]
      : [`--${kebab(key)} is not an option of policy create.`];
  }
  if (flagsFor(profile, target).includes(flag)) return [];
  const other = target === 'intune' ? 'configmgr' : 'intune';
  return [
    `--${kebab(key)} exists only in the ${TARGET_NAMES[other]} ${profile.short} profile; the ${TARGET_NAMES[target]} profile has no such setting. Leave it out, or use --target ${other}.`,
  ];
}

function targetProblems(flags: PolicyCreateFlags): string[] {
  if (flags.target === 'intune' || flags.scopeTags === undefined) return [];
  return [`--scope-tags: ${CONFIGMGR_SCOPE_TAGS_MESSAGE}; leave it out for --target configmgr.`];
}

function article(word: string): string {
  return /^[aeiouAEIOU]/.test(word) ? 'an' : 'a';
}
