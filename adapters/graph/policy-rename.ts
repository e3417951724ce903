import { z } from 'zod';
import { UpstreamRejected } from '../../core/errors/upstream-error.js';
import type { TenantWrite } from '../../core/ports/tenant-write.js';
import type { GraphHttp } from './graph-http.js';
import { justifiedWrite } from './maa/held-write.js';
import { parseReply } from './parse-reply.js';

/**
 * GUESS (graph-intune.md §4.7): how a configurationPolicy's name is changed. Microsoft's page documents
 * `PATCH …/configurationPolicies/{id}` with the properties that change [DOC]; the public code that updates these
 * policies (M365DSC, terraform) sends `PUT` with the whole policy [CODE]. Both readings are accepted: the rename is a
 * PATCH of the name alone, and when the service refuses the PATCH itself (400 or 405: the reading that only a whole
 * PUT updates a settings catalog policy) the policy is read and PUT back whole with the new name. A refused PATCH
 * changes nothing, so the tenant sees exactly one write either way. The sandbox plays both readings
 * (POLICY_UPDATE_READINGS in sandbox/constants.ts).
 */
export const RENAME_PATCH_REFUSED_STATUSES: readonly number[] = [400, 405];

const settingSchema = z.object({ settingInstance: z.unknown() });
const wholePolicySchema = z.object({
  name: z.string(),
  description: z.string().nullish(),
  platforms: z.string(),
  technologies: z.string(),
  roleScopeTagIds: z.array(z.string()).nullish(),
  creationSource: z.string().nullish(),
  templateReference: z.object({ templateId: z.string().nullish() }).nullish(),
  settings: z.array(settingSchema).nullish(),
});

/** Renames the policy with one write that changes it (see RENAME_PATCH_REFUSED_STATUSES). */
export async function renamePolicy(
  http: GraphHttp,
  path: string,
  name: string,
  write: TenantWrite | undefined,
): Promise<void> {
  const operation = 'rename policy';
  const beforeSend = write === undefined ? {} : { beforeSend: () => write.beforeSend() };
  try {
    await http.send(justifiedWrite({ operation, method: 'PATCH', path, body: { name }, ...beforeSend }, write));
    return;
  } catch (error) {
    if (!patchRefused(error)) throw error;
  }
  const read = 'read policy to rename';
  const reply = await http.send({ operation: read, method: 'GET', path, query: { $expand: 'settings' } });
  const body = wholeBody(parseReply(wholePolicySchema, reply, read), name);
  await http.send(justifiedWrite({ operation, method: 'PUT', path, body, ...beforeSend }, write));
}

function patchRefused(error: unknown): boolean {
  return error instanceof UpstreamRejected && RENAME_PATCH_REFUSED_STATUSES.includes(error.failure.status ?? 0);
}

/**
 * The policy as read, with the new name: every setting instance unchanged, the read-only properties (`id`,
 * `settingCount`, `createdDateTime`, `lastModifiedDateTime`, `isAssigned`, `templateFamily`, …) left out.
 */
function wholeBody(policy: z.infer<typeof wholePolicySchema>, name: string): Record<string, unknown> {
  const templateId = policy.templateReference?.templateId;
  return {
    name,
    description: policy.description ?? '',
    platforms: policy.platforms,
    technologies: policy.technologies,
    ...(policy.roleScopeTagIds ? { roleScopeTagIds: policy.roleScopeTagIds } : {}),
    ...(policy.creationSource ? { creationSource: policy.creationSource } : {}),
    ...(templateId ? { templateReference: { templateId } } : {}),
    settings: (policy.settings ?? []).map((setting) => ({
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting',
      settingInstance: setting.settingInstance,
    })),
  };
}
