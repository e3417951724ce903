import { z } from 'zod';
import { UpstreamNotFound } from '../../core/errors/upstream-error.js';
import type { EndpointSecurityPolicies } from '../../core/ports/endpoint-security-policies.js';
import type { TenantWrite } from '../../core/ports/tenant-write.js';
import type { AssignmentTarget } from '../../core/policy/assignment-target.js';
import type { PolicyDraft } from '../../core/policy/policy-draft.js';
import { parseAssignment, toAssignmentBody } from './assignment-body.js';
import type { GraphHttp } from './graph-http.js';
import { justifiedWrite } from './maa/held-write.js';
import { parseItems, parseReply } from './parse-reply.js';
import { renderPolicyBody } from './policy-body.js';
import { renamePolicy } from './policy-rename.js';
import { parsePolicySettings, policyReadSchema, toListItem } from './policy-parse.js';

const POLICIES = '/deviceManagement/configurationPolicies';
const LIST_SELECT =
  'id,name,description,technologies,creationSource,templateReference,isAssigned,lastModifiedDateTime,createdDateTime';
const assignReplySchema = z.object({ value: z.array(z.unknown()) });
const filterSchema = z.object({ id: z.string(), displayName: z.string().nullish(), platform: z.string().nullish() });
const createdSchema = z.object({ id: z.string() });
const scopeTagSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  isBuiltIn: z.boolean().nullish(),
});

export function createGraphEndpointSecurityPolicies(http: GraphHttp): EndpointSecurityPolicies {
  /** Rows per page of the policy list (Graph pages Intune lists; 100 policies are one request, not five). */
  const LIST_PAGE_SIZE = 100;
  const policyPath = (policyId: string): string => `${POLICIES}/${encodeURIComponent(policyId)}`;

  async function getAssignments(policyId: string): Promise<AssignmentTarget[]> {
    const operation = 'read policy assignments';
    const items = await http.getAll({ operation, path: `${policyPath(policyId)}/assignments` });
    return items.map(parseAssignment);
  }

  return {
    async list(filter = {}) {
      const operation = 'list endpoint security policies';
      const items = await http.getAll({
        operation,
        path: POLICIES,
        query: { $select: LIST_SELECT, $top: LIST_PAGE_SIZE },
      });
      const needle = filter.nameContains?.toLowerCase();
      return parseItems(policyReadSchema, items, operation)
        .filter(isEndpointSecurity)
        .map(toListItem)
        .filter((item) => needle === undefined || item.name.toLowerCase().includes(needle))
        .filter((item) => !filter.managedOnly || item.managedByAttachOps);
    },
    async get(policyId) {
      const operation = 'read policy';
      const [reply, assignments] = await Promise.allSettled([
        http.send({ operation, method: 'GET', path: policyPath(policyId), query: { $expand: 'settings' } }),
        getAssignments(policyId),
      ]);
      if (reply.status === 'rejected') {
        if (reply.reason instanceof UpstreamNotFound) return undefined;
        throw reply.reason;
      }
      if (assignments.status === 'rejected') throw assignments.reason;
      const policy = parseReply(policyReadSchema, reply.value, operation);
      return { ...toListItem(policy), ...parsePolicySettings(policy), assignments: assignments.value };
    },
    async create(draft: PolicyDraft, write) {
      const operation = 'create policy';
      const reply = await http.send(
        justifiedWrite(
          {
            operation,
            method: 'POST',
            path: POLICIES,
            body: renderPolicyBody(draft, write?.ref),
            ...beforeSendOf(write),
          },
          write,
        ),
      );
      return { id: parseReply(createdSchema, reply, operation).id };
    },
    async replace(policyId, draft, write) {
      await http.send(
        justifiedWrite(
          {
            operation: 'replace policy',
            method: 'PUT',
            path: policyPath(policyId),
            body: renderPolicyBody(draft, write?.ref),
            ...beforeSendOf(write),
          },
          write,
        ),
      );
    },
    async rename(policyId, name, write) {
      await renamePolicy(http, policyPath(policyId), name, write);
    },
    async delete(policyId, write) {
      try {
        await http.send(
          justifiedWrite({ operation: 'delete policy', method: 'DELETE', path: policyPath(policyId) }, write),
        );
        return true;
      } catch (error) {
        if (error instanceof UpstreamNotFound) return false;
        throw error;
      }
    },
    getAssignments,
    async assign(policyId, targets, write) {
      const operation = 'assign policy';
      const reply = await http.send(
        justifiedWrite(
          {
            operation,
            method: 'POST',
            path: `${policyPath(policyId)}/assign`,
            body: { assignments: targets.map(toAssignmentBody) },
            ...beforeSendOf(write),
          },
          write,
        ),
      );
      if (reply.body === undefined) return getAssignments(policyId);
      return parseReply(assignReplySchema, reply, operation).value.map(parseAssignment);
    },
    async listAssignmentFilters() {
      const operation = 'list assignment filters';
      const items = await http.getAll({
        operation,
        path: '/deviceManagement/assignmentFilters',
        query: { $select: 'id,displayName,platform' },
      });
      return parseItems(filterSchema, items, operation).map((filter) => ({
        id: filter.id,
        displayName: filter.displayName ?? filter.id,
        platform: filter.platform ?? 'unknown',
      }));
    },
    async listScopeTags() {
      const operation = 'list scope tags';
      const items = await http.getAll({ operation, path: '/deviceManagement/roleScopeTags' });
      return parseItems(scopeTagSchema, items, operation).map((tag) => ({
        id: tag.id,
        displayName: tag.displayName ?? tag.id,
        ...(tag.description ? { description: tag.description } : {}),
        isBuiltIn: tag.isBuiltIn ?? false,
      }));
    },
  };
}

function beforeSendOf(write: TenantWrite | undefined): { beforeSend?: () => Promise<void> } {
  return write === undefined ? {} : { beforeSend: () => write.beforeSend() };
}

/** Settings-catalog policies include much more than endpoint security; keep ES templates and ConfigMgr profiles. */
function isEndpointSecurity(policy: z.infer<typeof policyReadSchema>): boolean {
  const family = policy.templateReference?.templateFamily ?? '';
  return (
    family.startsWith('endpointSecurity') ||
    (policy.technologies ?? '').includes('configManager') ||
    toListItem(policy).kind !== undefined
  );
}
