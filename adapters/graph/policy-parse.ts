import { z } from 'zod';
import type { AntivirusSettings, ConfigMgrAntivirusSettings } from '../../core/policy/antivirus-settings.js';
import type { EdrSettings } from '../../core/policy/edr-settings.js';
import type { PolicyListItem } from '../../core/policy/managed-policy.js';
import type { PolicyDraft, PolicyKind } from '../../core/policy/policy-draft.js';
import { splitMarker } from './managed-marker.js';
import {
  ANTIVIRUS_TEMPLATE_ID,
  antivirusSettingIds,
  configMgrAntivirusSettingIds,
  EDR_TEMPLATE_ID,
  edrOnboardingIds,
  edrSettingIds,
  sampleSharingValues,
  telemetryValues,
} from './setting-catalog.js';

const settingSchema = z.object({
  settingInstance: z.looseObject({
    settingDefinitionId: z.string(),
    choiceSettingValue: z.looseObject({ value: z.string().nullish() }).nullish(),
  }),
});

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

export function kindOfPolicy(policy: Pick<PolicyRead, 'templateReference' | 'creationSource'>): PolicyKind | undefined {
  const templateBase = policy.templateReference?.templateId?.split('_')[0];
  if (templateBase !== undefined && templateBase === EDR_TEMPLATE_ID.split('_')[0]) return 'intune-edr';
  if (templateBase !== undefined && templateBase === ANTIVIRUS_TEMPLATE_ID.split('_')[0]) return 'intune-antivirus';
  /** Compared case-insensitively: a public mock returns `SccmAv` (graph-intune.md §11.4). */
  const creationSource = policy.creationSource?.toLowerCase();
  if (creationSource === 'sccmedr') return 'configmgr-edr';
  if (creationSource === 'sccmav') return 'configmgr-antivirus';
  return undefined;
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

/** The reverse of policy-body.ts; the connector's secret onboarding value is recognised but never read. */
export function parsePolicySettings(policy: PolicyRead): ParsedSettings {
  const choices = new Map<string, string | undefined>();
  for (const { settingInstance } of policy.settings ?? []) {
    choices.set(settingInstance.settingDefinitionId, settingInstance.choiceSettingValue?.value ?? undefined);
  }
  const onboardingFromConnector =
    choices.get(edrOnboardingIds.configurationType.definitionId) === edrOnboardingIds.autoFromConnectorValue;
  const kind = kindOfPolicy(policy);
  const item = toListItem(policy);
  const base = { name: item.name, description: item.description };
  const scopeTagIds = policy.roleScopeTagIds ?? [];
  const modelled = new Set<string>([edrOnboardingIds.configurationType.definitionId]);
  const take = (definitionId: string): string | undefined => {
    modelled.add(definitionId);
    return choices.get(definitionId);
  };
  const draft = ((): PolicyDraft | undefined => {
    switch (kind) {
      case 'intune-edr':
        return { kind, profile: 'edr', target: 'intune', ...base, scopeTagIds, settings: readEdr(take) };
      case 'configmgr-edr':
        return { kind, profile: 'edr', target: 'configmgr', ...base, settings: readEdr(take) };
      case 'intune-antivirus':
        return {
          kind,
          profile: 'antivirus',
          target: 'intune',
          ...base,
          scopeTagIds,
          settings: readToggles(antivirusSettingIds, take),
        };
      case 'configmgr-antivirus':
        return {
          kind,
          profile: 'antivirus',
          target: 'configmgr',
          ...base,
          settings: { ...readToggles(antivirusSettingIds, take), ...readToggles(configMgrAntivirusSettingIds, take) },
        };
      case undefined:
        return undefined;
    }
  })();
  const unmodelledSettingIds = [...choices.keys()].filter((id) => !modelled.has(id));
  return { draft, unmodelledSettingIds, onboardingFromConnector };
}

type Take = (definitionId: string) => string | undefined;

function readEdr(take: Take): EdrSettings {
  const sampleSharing = reverseLookup(sampleSharingValues, take(edrSettingIds.sampleSharing.definitionId));
  const telemetry = reverseLookup(telemetryValues, take(edrSettingIds.telemetry.definitionId));
  return { ...(sampleSharing ? { sampleSharing } : {}), ...(telemetry ? { telemetry } : {}) };
}

function readToggles<K extends string>(
  ids: Record<K, { definitionId: string }>,
  take: Take,
): AntivirusSettings & ConfigMgrAntivirusSettings {
  const result: Partial<Record<string, boolean>> = {};
  for (const key of Object.keys(ids) as K[]) {
    const value = take(ids[key].definitionId);
    if (value?.endsWith('_1')) result[key] = true;
    else if (value?.endsWith('_0')) result[key] = false;
  }
  return result;
}

function reverseLookup<K extends string>(values: Record<K, string>, value: string | undefined): K | undefined {
  return (Object.keys(values) as K[]).find((key) => values[key] === value);
}
