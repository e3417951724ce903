import { z } from 'zod';
import { UpstreamForbidden } from '../../core/errors/upstream-error.js';
import type { RoleEligibility } from '../../core/ports/directory.js';
import type { GraphHttp } from './graph-http.js';
import { odataString } from './odata-string.js';
import { parseItems } from './parse-reply.js';

const eligibilityInstanceSchema = z.object({
  principalId: z.string().nullish(),
  roleDefinitionId: z.string().nullish(),
});

/**
 * The eligible assignments of a role to a user: `GET /roleManagement/directory/roleEligibilityScheduleInstances`
 * with `$filter` on `principalId` and `roleDefinitionId` (both filterable with `eq`), least application permission
 * `RoleEligibilitySchedule.Read.Directory`, `RoleManagement.Read.Directory` among the higher ones (graph-intune.md
 * §12.1; DOC: rbacapplication-list-roleeligibilityscheduleinstances and the unifiedRoleEligibilityScheduleInstance
 * resource). Whether an eligibility granted to a group the user belongs to comes back under the user's principalId
 * is not documented ([U], see `eligibilityFilter`); any returned row of the role counts, as for the active read.
 */
export async function readRoleEligibility(
  http: GraphHttp,
  userId: string,
  roleDefinitionId: string,
): Promise<RoleEligibility> {
  const operation = 'check Global Administrator eligibility';
  let rows: unknown[];
  try {
    rows = await http.getAll({
      operation,
      path: '/roleManagement/directory/roleEligibilityScheduleInstances',
      query: { $filter: eligibilityFilter(userId, roleDefinitionId) },
    });
  } catch (error) {
    // 403 whatever its code: Graph's Authorization_RequestDenied, or PIM's UnknownError with PermissionScopeNotGranted
    // nested in the message (field evidence, microsoftgraph/microsoft-graph-docs issue 22292).
    if (error instanceof UpstreamForbidden) return 'not-permitted';
    throw error;
  }
  const role = roleDefinitionId.toLowerCase();
  return parseItems(eligibilityInstanceSchema, rows, operation).some(
    (row) => row.roleDefinitionId?.toLowerCase() === role,
  )
    ? 'eligible'
    : 'not-eligible';
}

/**
 * [U] graph-intune.md §12.1 names the API but not how group-based eligibility appears: filtering on the user's own
 * principalId finds eligibility assigned to the user; one assigned to a role-assignable group (or PIM for Groups) may
 * be missed, in which case check says "not a Global Administrator" as it did before eligibility was read.
 */
export function eligibilityFilter(userId: string, roleDefinitionId: string): string {
  return `principalId eq '${odataString(userId)}' and roleDefinitionId eq '${odataString(roleDefinitionId)}'`;
}
