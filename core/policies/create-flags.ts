import type { ConfigMgrAntivirusSettings } from '../policy/antivirus-settings.js';
import type { EdrSettings } from '../policy/edr-settings.js';
import type { PolicyProfile, PolicyTarget } from '../policy/policy-draft.js';
import { UserFacingError } from '../user-facing-error.js';
import type { PolicyCreateIntent } from './policy-create-intent.js';

export type OnOff = 'on' | 'off';

/** The options of `policy create` after argument binding: the camelCase of each `--kebab-case` flag. */
export interface PolicyCreateFlags {
  readonly profile: PolicyProfile;
  readonly target: PolicyTarget;
  readonly name: string;
  readonly description?: string;
  readonly scopeTags?: string;
  readonly sampleSharing?: EdrSettings['sampleSharing'];
  readonly telemetry?: EdrSettings['telemetry'];
  readonly realTimeMonitoring?: OnOff;
  readonly cloudProtection?: OnOff;
  readonly behaviorMonitoring?: OnOff;
  readonly scriptScanning?: OnOff;
  readonly archiveScanning?: OnOff;
  readonly disableRestorePoint?: OnOff;
  readonly randomizeScheduleTaskTimes?: OnOff;
  readonly disablePrivacyMode?: OnOff;
}

const EDR_FLAGS = ['sampleSharing', 'telemetry'] as const;
const ANTIVIRUS_FLAGS = [
  'realTimeMonitoring',
  'cloudProtection',
  'behaviorMonitoring',
  'scriptScanning',
  'archiveScanning',
] as const;
const CONFIGMGR_ANTIVIRUS_FLAGS = ['disableRestorePoint', 'randomizeScheduleTaskTimes', 'disablePrivacyMode'] as const;

export const CONFIGMGR_SCOPE_TAGS_MESSAGE = 'the ConfigMgr profile does not support scope tags';

/** Flags to the typed settings of core/policy; every flag that does not fit the profile and target is named. */
export function createIntentFromFlags(flags: PolicyCreateFlags): PolicyCreateIntent {
  const problems = [...profileProblems(flags), ...targetProblems(flags)];
  if (problems.length > 0) {
    throw new UserFacingError(
      'These options do not fit this policy',
      problems.join('\n'),
      `Type help policy create to see which options each profile takes.`,
    );
  }
  const scopeTags = flags.scopeTags === undefined ? undefined : splitList(flags.scopeTags);
  return {
    profile: flags.profile,
    target: flags.target,
    name: flags.name.trim(),
    ...(flags.description === undefined ? {} : { description: flags.description.trim() }),
    ...(scopeTags === undefined ? {} : { scopeTags }),
    settings: flags.profile === 'edr' ? edrSettings(flags) : antivirusSettings(flags),
  };
}

/** "a, b,,c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function profileProblems(flags: PolicyCreateFlags): string[] {
  const foreign = flags.profile === 'edr' ? [...ANTIVIRUS_FLAGS, ...CONFIGMGR_ANTIVIRUS_FLAGS] : EDR_FLAGS;
  const other = flags.profile === 'edr' ? 'Antivirus' : 'EDR';
  const own = flags.profile === 'edr' ? 'EDR' : 'Antivirus';
  return foreign
    .filter((key) => flags[key] !== undefined)
    .map((key) => `--${kebab(key)} is an ${other} setting; an ${own} policy does not have it.`);
}

function targetProblems(flags: PolicyCreateFlags): string[] {
  if (flags.target !== 'intune') {
    return flags.scopeTags === undefined
      ? []
      : [`--scope-tags: ${CONFIGMGR_SCOPE_TAGS_MESSAGE}; leave it out for --target configmgr.`];
  }
  if (flags.profile !== 'antivirus') return [];
  return CONFIGMGR_ANTIVIRUS_FLAGS.filter((key) => flags[key] !== undefined).map(
    (key) =>
      `--${kebab(key)} exists only in the ConfigMgr Antivirus profile; the Intune (MDM) profile has no such setting. Leave it out, or use --target configmgr.`,
  );
}

function edrSettings(flags: PolicyCreateFlags): EdrSettings {
  return {
    ...(flags.sampleSharing === undefined ? {} : { sampleSharing: flags.sampleSharing }),
    ...(flags.telemetry === undefined ? {} : { telemetry: flags.telemetry }),
  };
}

function antivirusSettings(flags: PolicyCreateFlags): ConfigMgrAntivirusSettings {
  const settings: Partial<
    Record<(typeof ANTIVIRUS_FLAGS)[number] | (typeof CONFIGMGR_ANTIVIRUS_FLAGS)[number], boolean>
  > = {};
  for (const key of [...ANTIVIRUS_FLAGS, ...CONFIGMGR_ANTIVIRUS_FLAGS]) {
    const value = flags[key];
    if (value !== undefined) settings[key] = value === 'on';
  }
  return settings;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
