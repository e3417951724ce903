import { splitMarker, withMarker } from './managed-marker.js';

type JsonObject = Record<string, unknown>;

function record(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/**
 * The writable part of a configuration policy as it was read (graph-intune.md §4.4, §12.5: `id`, the dates,
 * `settingCount`, `isAssigned`, `priorityMetaData`, `templateFamily` and the template's display fields are read-only),
 * each setting instance exactly as read. With `ref`, the description's marker names the write that made it
 * (managed-marker.ts), so a recreate whose answer was lost is found again.
 */
export function restoreBody(policy: unknown, ref?: string): JsonObject {
  const body = record(policy);
  const templateId = record(body.templateReference).templateId;
  const creationSource = body.creationSource;
  const tags = Array.isArray(body.roleScopeTagIds) ? body.roleScopeTagIds : [];
  const description = typeof body.description === 'string' ? body.description : '';
  const marked = splitMarker(description);
  return {
    name: body.name,
    description: ref === undefined ? description : withMarker(marked.description, ref),
    platforms: body.platforms,
    technologies: body.technologies,
    ...(tags.length > 0 ? { roleScopeTagIds: tags } : {}),
    ...(typeof templateId === 'string' && templateId !== '' ? { templateReference: { templateId } } : {}),
    ...(typeof creationSource === 'string' && creationSource !== '' ? { creationSource } : {}),
    settings: (Array.isArray(body.settings) ? body.settings : []).map((row) => ({
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting',
      settingInstance: record(row).settingInstance,
    })),
  };
}

/** An assignment as read goes back as read; for a new policy, only its target (the row id and source are the old one's). */
export function assignmentForNewPolicy(assignment: unknown): JsonObject {
  return { target: record(assignment).target };
}
