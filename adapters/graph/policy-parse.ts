import { z } from 'zod';
import { profiles } from '../../core/policy/catalog/index.js';
import {
  flagsFor,
  type PolicyTarget,
  type ProfileDefinition,
  type SettingValue,
  targetSpec,
} from '../../core/policy/catalog/profile-definition.js';
import type { PolicyListItem } from '../../core/policy/managed-policy.js';
import { type PolicyDraft, type PolicyKind, policyKindOf } from '../../core/policy/policy-draft.js';
import { splitMarker } from './managed-marker.js';

const settingSchema = z.object({
  settingInstance: z.looseObject({
    settingDefinitionId: z.string(),
    choiceSettingValue: z.looseObject({ value: z.string().nullish() }).nullish(),
  }),
});
type InstanceRead = z.infer<typeof settingSchema>['settingInstance'];

export const policyReadSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  technologies: z.string().nullish(),
  creationSource: z.string().nullish(),
  templateReference: z.object({ templateId: z.string().nullish(), templateFamily: z.string().nullish() }).nullish(),
  roleScopeTagIds: z.array(z.string()).nullish(),
  isAssigned: z.boolean().nullish(),
  lastModifiedDateTime: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  settings: z.array(settingSchema).nullish(),
});
export type PolicyRead = z.infer<typeof policyReadSchema>;

/** The catalog profile and target a policy was made from: its template, or its creationSource (case-insensitive). */
function profileOfPolicy(
  policy: Pick<PolicyRead, 'templateReference' | 'creationSource'>,
): { profile: ProfileDefinition; target: PolicyTarget } | undefined {
  const templateBase = policy.templateReference?.templateId?.split('_')[0];
  /** Compared case-insensitively: a public mock returns `SccmAv` (graph-intune.md §11.4). */
  const creationSource = policy.creationSource?.toLowerCase();
  for (const profile of profiles) {
    for (const target of ['intune', 'configmgr'] as const) {
      const spec = targetSpec(profile, target);
      if (!spec) continue;
      if (templateBase !== undefined && spec.templateId?.split('_')[0] === templateBase) return { profile, target };
      if (creationSource && spec.creationSource?.toLowerCase() === creationSource) return { profile, target };
    }
  }
  return undefined;
}

export function kindOfPolicy(policy: Pick<PolicyRead, 'templateReference' | 'creationSource'>): PolicyKind | undefined {
  const found = profileOfPolicy(policy);
  return found ? policyKindOf(found.target, found.profile.id) : undefined;
}

export function toListItem(policy: PolicyRead): PolicyListItem {
  const { description, managed, ref } = splitMarker(policy.description);
  const modified = dateOf(policy.lastModifiedDateTime);
  const created = dateOf(policy.createdDateTime);
  return {
    id: policy.id,
    name: policy.name ?? '',
    description,
    kind: kindOfPolicy(policy),
    managedByAttachOps: managed,
    ...(ref === undefined ? {} : { writeRef: ref }),
    isAssigned: policy.isAssigned ?? false,
    ...(modified === undefined ? {} : { lastModified: modified }),
    ...(created === undefined ? {} : { createdAt: created }),
  };
}

function dateOf(text: string | null | undefined): Date | undefined {
  const date = text ? new Date(text) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

export interface ParsedSettings {
  readonly draft: PolicyDraft | undefined;
  readonly unmodelledSettingIds: readonly string[];
  readonly onboardingFromConnector: boolean;
}

/** Every instance of the policy by definition id, children and group members included. */
function collectInstances(instances: readonly unknown[], into: Map<string, Record<string, unknown>>): void {
  for (const item of instances) {
    if (typeof item !== 'object' || item === null) continue;
    const instance = item as Record<string, unknown>;
    if (typeof instance.settingDefinitionId === 'string') into.set(instance.settingDefinitionId, instance);
    const choice = instance.choiceSettingValue as { children?: unknown } | null | undefined;
    if (Array.isArray(choice?.children)) collectInstances(choice.children, into);
    const groups = instance.groupSettingCollectionValue;
    if (Array.isArray(groups)) {
      for (const group of groups as { children?: unknown }[])
        if (Array.isArray(group.children)) collectInstances(group.children, into);
    }
  }
}

function valueOf(instance: Record<string, unknown> | undefined): string | readonly string[] | undefined {
  if (!instance) return undefined;
  const choice = instance.choiceSettingValue as { value?: unknown } | null | undefined;
  if (typeof choice?.value === 'string') return choice.value;
  const simple = instance.simpleSettingValue as { value?: unknown } | null | undefined;
  if (typeof simple?.value === 'string') return simple.value;
  const list = instance.simpleSettingCollectionValue;
  if (Array.isArray(list))
    return list.flatMap((item: { value?: unknown }) => (typeof item.value === 'string' ? [item.value] : []));
  return undefined;
}

/** The reverse of policy-body.ts, from the profile catalog; the connector's secret onboarding value is recognised but never read. */
export function parsePolicySettings(policy: PolicyRead): ParsedSettings {
  const topLevel = (policy.settings ?? []).map(({ settingInstance }): InstanceRead => settingInstance);
  const all = new Map<string, Record<string, unknown>>();
  collectInstances(topLevel, all);
  const found = profileOfPolicy(policy);
  const fixed = found ? (targetSpec(found.profile, found.target)?.fixedSettings ?? []) : [];
  const onboarding = profiles.flatMap((profile) => profile.intune?.fixedSettings ?? []);
  const onboardingFromConnector = onboarding.some(
    (setting) => valueOf(all.get(setting.definitionId)) === setting.value,
  );
  const modelled = new Set<string>([...onboarding, ...fixed].map((setting) => setting.definitionId));
  const item = toListItem(policy);
  const draft = ((): PolicyDraft | undefined => {
    if (!found) return undefined;
    const settings: Record<string, SettingValue> = {};
    const order = found.profile.bodyOrder;
    const flags = [...flagsFor(found.profile, found.target)];
    if (order) flags.sort((left, right) => order.indexOf(left.key) - order.indexOf(right.key));
    for (const flag of flags) {
      modelled.add(flag.graph.definitionId);
      if (flag.group) modelled.add(flag.group);
      const read = valueOf(all.get(flag.graph.definitionId));
      if (read === undefined) continue;
      if (flag.graph.shape === 'choice') {
        const typed = Object.entries(flag.graph.values).find(([, id]) => id === read)?.[0];
        if (typed === undefined) continue;
        settings[flag.key] = flag.kind === 'toggle' ? typed === 'on' : typed;
      } else if (flag.graph.shape === 'string-list') {
        settings[flag.key] = Array.isArray(read) ? read : [read as string];
      } else if (typeof read === 'string') {
        settings[flag.key] = read;
      }
    }
    return {
      kind: policyKindOf(found.target, found.profile.id),
      profile: found.profile.id,
      target: found.target,
      name: item.name,
      description: item.description,
      ...(found.target === 'intune' ? { scopeTagIds: policy.roleScopeTagIds ?? [] } : {}),
      settings,
    };
  })();
  const unmodelledSettingIds = topLevel
    .map((instance) => instance.settingDefinitionId)
    .filter((id) => !modelled.has(id));
  return { draft, unmodelledSettingIds, onboardingFromConnector };
}
