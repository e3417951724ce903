import { z } from 'zod';
import { UpstreamNotFound } from '../../core/errors/upstream-error.js';
import type { Directory, DirectoryGroup, DirectoryUser } from '../../core/ports/directory.js';
import type { GraphHttp } from './graph-http.js';
import { odataString } from './odata-string.js';
import { parseItems, parseReply } from './parse-reply.js';
import { readRoleEligibility } from './role-eligibility-read.js';

/** The Global Administrator role template id (graph-intune.md §2.2). */
export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

const roleAssignmentSchema = z.object({ principalId: z.string().nullish(), roleDefinitionId: z.string().nullish() });
const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
});
const groupSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  securityEnabled: z.boolean().nullish(),
});
/** transitiveMemberOf also lists directory roles and administrative units; only groups count. */
const GROUP_TYPE = '#microsoft.graph.group';
const memberOfSchema = z.object({ id: z.string(), '@odata.type': z.string() });
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createGraphDirectory(http: GraphHttp): Directory {
  /**
   * graph-intune.md §11.1: the transitive read needs `ConsistencyLevel: eventual` and `$count=true`, expands the
   * user's groups (nested and role-assignable) server-side, and returns a group-based assignment with the GROUP's id
   * as principalId. So any returned Global Administrator row counts, whatever its principalId.
   */
  async function holdsGlobalAdministrator(userId: string): Promise<boolean> {
    const operation = 'check Global Administrator role';
    const assignments = await http.getAll({
      operation,
      path: '/roleManagement/directory/transitiveRoleAssignments',
      query: {
        $filter: `principalId eq '${odataString(userId)}' and roleDefinitionId eq '${GLOBAL_ADMINISTRATOR_ROLE_ID}'`,
        $count: 'true',
      },
      headers: { ConsistencyLevel: 'eventual' },
    });
    return parseItems(roleAssignmentSchema, assignments, operation).some(
      (assignment) => assignment.roleDefinitionId?.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID,
    );
  }

  return {
    isGlobalAdministrator: holdsGlobalAdministrator,
    globalAdministratorEligibility: (userId) => readRoleEligibility(http, userId, GLOBAL_ADMINISTRATOR_ROLE_ID),
    async getUser(userId) {
      const operation = 'get user';
      try {
        const reply = await http.send({
          operation,
          method: 'GET',
          path: `/users/${encodeURIComponent(userId)}`,
          query: { $select: 'id,displayName,userPrincipalName,accountEnabled' },
        });
        return toUser(parseReply(userSchema, reply, operation));
      } catch (error) {
        if (error instanceof UpstreamNotFound) return undefined;
        throw error;
      }
    },
    async transitiveGroupIds(userId) {
      const operation = 'list group memberships';
      const groups = await http.getAll({
        operation,
        path: `/users/${encodeURIComponent(userId)}/transitiveMemberOf`,
        query: { $select: 'id' },
      });
      return parseItems(memberOfSchema, groups, operation)
        .filter((member) => member['@odata.type'] === GROUP_TYPE)
        .map((group) => group.id);
    },
    async findGroups(nameOrId) {
      const byId = guidPattern.test(nameOrId) ? await groupById(http, nameOrId) : undefined;
      if (byId !== undefined) return [byId];
      const operation = 'find groups by name';
      const matches = await http.getAll({
        operation,
        path: '/groups',
        query: {
          $filter: `displayName eq '${odataString(nameOrId)}'`,
          $select: 'id,displayName,description,securityEnabled',
        },
      });
      return parseItems(groupSchema, matches, operation).map(toGroup);
    },
  };
}

async function groupById(http: GraphHttp, id: string): Promise<DirectoryGroup | undefined> {
  const operation = 'get group';
  try {
    const reply = await http.send({
      operation,
      method: 'GET',
      path: `/groups/${id}`,
      query: { $select: 'id,displayName,description,securityEnabled' },
    });
    return toGroup(parseReply(groupSchema, reply, operation));
  } catch (error) {
    if (error instanceof UpstreamNotFound) return undefined;
    throw error;
  }
}

function toUser(user: z.infer<typeof userSchema>): DirectoryUser {
  return {
    id: user.id,
    displayName: user.displayName ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    ...(user.accountEnabled == null ? {} : { accountEnabled: user.accountEnabled }),
  };
}

function toGroup(group: z.infer<typeof groupSchema>): DirectoryGroup {
  return {
    id: group.id,
    displayName: group.displayName ?? '',
    ...(group.description == null ? {} : { description: group.description }),
    ...(group.securityEnabled == null ? {} : { securityEnabled: group.securityEnabled }),
  };
}
