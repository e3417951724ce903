/**
 * One endpoint security profile, as data: what `policy create <profile>` offers, how each setting is written to Graph,
 * and which facts are guesses. Read by the one flags parser, planner, body builder, help text, version gate and card
 * labels; adding a profile is one file here plus its sandbox catalog entry (CONTRIBUTING.md "Add a profile").
 */
export type PolicyTarget = 'intune' | 'configmgr';
export type SettingValue = string | boolean | readonly string[];

/** A choice setting's template references (MDM templates; graph-intune.md §11.6). */
export interface TemplateRefs {
  readonly instance: string;
  readonly value: string;
}

/** How a setting is written: a choice (each typed value to a value id), a string, or a collection of strings. */
export type GraphSetting =
  | {
      readonly shape: 'choice';
      readonly definitionId: string;
      /** Typed value (or 'on'/'off' for a toggle) to the choice's value id. */
      readonly values: Readonly<Record<string, string>>;
      readonly templates?: TemplateRefs;
    }
  | { readonly shape: 'string'; readonly definitionId: string }
  | { readonly shape: 'string-list'; readonly definitionId: string };

export interface FlagDefinition {
  /** The camelCase of the `--kebab-case` flag, and the key of the setting in a draft. */
  readonly key: string;
  readonly label: string;
  /** toggle: on/off, stored as a boolean; choice: one of `choices`; list: comma-separated; text: free text. */
  readonly kind: 'toggle' | 'choice' | 'list' | 'text';
  readonly choices?: readonly string[];
  /** Which targets offer it; absent means both the profile's targets. */
  readonly targets?: readonly PolicyTarget[];
  readonly graph: GraphSetting;
  /** Written inside this group collection setting (ASR rules, firewall rules): its definition id. */
  readonly group?: string;
  /** Written as a child of this flag's choice value, sent only when that flag has `whenParent`. */
  readonly parent?: { readonly key: string; readonly whenParent: SettingValue };
  /** A line of help after the flag's values. */
  readonly help?: string;
}

/** A setting every body of a target carries, not a user choice (the EDR connector onboarding). */
export interface FixedSetting {
  readonly definitionId: string;
  readonly value: string;
  readonly templates?: TemplateRefs;
  readonly secretChild?: { readonly definitionId: string; readonly placeholder: string };
}

/** How a profile is created for one target. */
export interface TargetSpec {
  readonly technologies: 'mdm,microsoftSense' | 'mdm' | 'configManager';
  readonly platforms: 'windows10';
  /** MDM (and some ConfigMgr) profiles: `templateReference.templateId`. `templateFamily` is read-only, never sent. */
  readonly templateId?: string;
  /** ConfigMgr profiles without a template (graph-intune.md §4.2, §12.4). */
  readonly creationSource?: string;
  readonly fixedSettings?: readonly FixedSetting[];
  /** A line the plan shows for every policy of this target (the onboarding package). */
  readonly planNote?: { readonly subject: string; readonly detail: string };
  /** Graph preview: the plan says so. */
  readonly preview?: boolean;
}

/** The ConfigMgr site a ConfigMgr profile needs (graph-intune.md §11.8). */
export interface ConfigMgrMinimum {
  /** `edr`: 2002 + KB4563473 or 2006; `2006`: current branch 2006 or later. */
  readonly rule: 'edr' | '2006';
  readonly text: string;
  /** A hotfix the release also needs, named on the plan; not read from the site (see unconfirmed.ts). */
  readonly hotfix?: string;
}

export interface ProfileDefinition {
  /** The positional word of `policy create` and `check`. */
  readonly id: string;
  readonly title: string;
  /** The short name in messages ("an EDR policy"). */
  readonly short: string;
  readonly intune?: TargetSpec;
  readonly configmgr?: TargetSpec;
  readonly configMgrMinimum?: ConfigMgrMinimum;
  /** In the order plans, help and cards show them. */
  readonly flags: readonly FlagDefinition[];
  /** The order settings are written in, when it differs from `flags` (kept as before the catalog). */
  readonly bodyOrder?: readonly string[];
  /** Facts of this profile that no public source confirms; listed again in unconfirmed.ts. */
  readonly unconfirmed: readonly string[];
}

export function defineProfile(profile: ProfileDefinition): ProfileDefinition {
  return profile;
}

/** `<definitionId>_1` means on, `_0` off (graph-intune.md §4.5). */
export function toggleValues(definitionId: string): Record<'on' | 'off', string> {
  return { on: `${definitionId}_1`, off: `${definitionId}_0` };
}

export function flagsFor(profile: ProfileDefinition, target: PolicyTarget): readonly FlagDefinition[] {
  return profile.flags.filter((flag) => flag.targets === undefined || flag.targets.includes(target));
}

export function targetSpec(profile: ProfileDefinition, target: PolicyTarget): TargetSpec | undefined {
  return target === 'intune' ? profile.intune : profile.configmgr;
}
