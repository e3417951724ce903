import { z } from 'zod';
import { findProfile, PROFILE_IDS } from './catalog/index.js';
import { flagsFor, type PolicyTarget, type SettingValue } from './catalog/profile-definition.js';

export type { PolicyTarget } from './catalog/profile-definition.js';
/** A profile of the catalog (core/policy/catalog): `edr`, `antivirus`, `firewall`, … */
export type PolicyProfile = string;
/** `${target}-${profile}`, so one lookup covers every combination. */
export type PolicyKind = string;

/** The longest policy name AttachOps writes (its own limit; no public source gives the service's). */
export const POLICY_NAME_MAX_LENGTH = 200;
/** A policy name as AttachOps writes it: trimmed, not empty, at most POLICY_NAME_MAX_LENGTH characters. */
export const policyNameSchema = z.string().trim().min(1).max(POLICY_NAME_MAX_LENGTH);
const name = policyNameSchema;
const description = z.string().max(1000);
/** ConfigMgr profiles do not support scope tags (graph-intune.md §4.6), so only Intune drafts carry them. */
const scopeTagIds = z.array(z.string().min(1)).readonly();
export const settingValueSchema = z.union([z.string(), z.boolean(), z.array(z.string()).readonly()]);
export const settingsSchema = z.record(z.string(), settingValueSchema);

const draftShape = z.object({
  kind: z.string(),
  profile: z.enum(PROFILE_IDS as [string, ...string[]]),
  target: z.enum(['intune', 'configmgr']),
  name,
  description,
  scopeTagIds: scopeTagIds.optional(),
  settings: settingsSchema,
});

/** A draft fits its profile: the kind, scope tags only for Intune, and only the settings the profile's target has. */
export const policyDraftSchema = draftShape.superRefine((draft, context) => {
  const profile = findProfile(draft.profile);
  if (!profile) return;
  if (draft.kind !== policyKindOf(draft.target, draft.profile))
    context.addIssue({ code: 'custom', message: `kind ${draft.kind} is not ${draft.target}-${draft.profile}` });
  if ((draft.target === 'intune') !== (draft.scopeTagIds !== undefined))
    context.addIssue({
      code: 'custom',
      message: 'scope tags are for Intune drafts only, and every Intune draft has them',
    });
  if ((draft.target === 'intune' ? profile.intune : profile.configmgr) === undefined)
    context.addIssue({ code: 'custom', message: `the ${profile.title} profile does not exist for ${draft.target}` });
  const flags = new Map(flagsFor(profile, draft.target).map((flag) => [flag.key, flag]));
  for (const [key, value] of Object.entries(draft.settings)) {
    const flag = flags.get(key);
    if (!flag) {
      context.addIssue({
        code: 'custom',
        message: `${key} is not a setting of the ${draft.target} ${profile.title} profile`,
      });
      continue;
    }
    const fits =
      flag.kind === 'toggle'
        ? typeof value === 'boolean'
        : flag.kind === 'list'
          ? Array.isArray(value)
          : typeof value === 'string' && (flag.choices === undefined || flag.choices.includes(value));
    if (!fits) context.addIssue({ code: 'custom', message: `${key}: ${JSON.stringify(value)} is not a valid value` });
  }
});

/** What the bot wants a policy to be. */
export interface PolicyDraft {
  readonly kind: PolicyKind;
  readonly profile: PolicyProfile;
  readonly target: PolicyTarget;
  readonly name: string;
  readonly description: string;
  /** Intune drafts only. */
  readonly scopeTagIds?: readonly string[];
  readonly settings: Readonly<Record<string, SettingValue>>;
}

export function parseDraft(raw: unknown): z.ZodSafeParseResult<PolicyDraft> {
  return policyDraftSchema.safeParse(raw) as z.ZodSafeParseResult<PolicyDraft>;
}

export function policyKindOf(target: PolicyTarget, profile: PolicyProfile): PolicyKind {
  return `${target}-${profile}`;
}
