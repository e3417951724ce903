import { z } from 'zod';
import { antivirusSettingsSchema, configMgrAntivirusSettingsSchema } from './antivirus-settings.js';
import { edrSettingsSchema } from './edr-settings.js';

export type PolicyProfile = 'edr' | 'antivirus';
/** Who enforces the policy: Intune (MDM, Azure AD groups) or ConfigMgr (tenant-attached collections). */
export type PolicyTarget = 'intune' | 'configmgr';

const name = z.string().trim().min(1).max(200);
const description = z.string().max(1000);
/** ConfigMgr profiles do not support scope tags (graph-intune.md §4.6), so only Intune drafts carry them. */
const scopeTagIds = z.array(z.string().min(1)).readonly();

export const policyDraftSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('intune-edr'),
    profile: z.literal('edr'),
    target: z.literal('intune'),
    name,
    description,
    scopeTagIds,
    settings: edrSettingsSchema,
  }),
  z.object({
    kind: z.literal('intune-antivirus'),
    profile: z.literal('antivirus'),
    target: z.literal('intune'),
    name,
    description,
    scopeTagIds,
    settings: antivirusSettingsSchema,
  }),
  z.object({
    kind: z.literal('configmgr-edr'),
    profile: z.literal('edr'),
    target: z.literal('configmgr'),
    name,
    description,
    settings: edrSettingsSchema,
  }),
  z.object({
    kind: z.literal('configmgr-antivirus'),
    profile: z.literal('antivirus'),
    target: z.literal('configmgr'),
    name,
    description,
    settings: configMgrAntivirusSettingsSchema,
  }),
]);

/** What the bot wants a policy to be; `kind` is `${target}-${profile}` so one switch covers every combination. */
export type PolicyDraft = z.infer<typeof policyDraftSchema>;
export type PolicyKind = PolicyDraft['kind'];

export function policyKindOf(target: PolicyTarget, profile: PolicyProfile): PolicyKind {
  return `${target}-${profile}`;
}
