import type { Router } from '../http/router.js';
import { header, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { RoleEligibility } from '../world/directory.js';
import { graphError } from './graph-errors.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { applyFilter, pageOf } from './paging.js';

/**
 * Application permissions the List roleEligibilityScheduleInstances page accepts, least privileged first
 * (graph-intune.md §12.1; DOC: rbacapplication-list-roleeligibilityscheduleinstances, "Permissions").
 */
export const ELIGIBILITY_READ_PERMISSIONS = [
  'RoleEligibilitySchedule.Read.Directory',
  'RoleEligibilitySchedule.ReadWrite.Directory',
  'RoleManagement.Read.All',
  'RoleManagement.Read.Directory',
  'RoleManagement.ReadWrite.Directory',
] as const;

/** `$filter` properties the unifiedRoleEligibilityScheduleInstance resource page marks filterable. */
const ELIGIBILITY_FILTER_PROPERTIES = new Set([
  'principalid',
  'roledefinitionid',
  'directoryscopeid',
  'appscopeid',
  'membertype',
  'roleeligibilityscheduleid',
]);

/**
 * The PIM service's refusal of a token without the permission: 403 with outer code `UnknownError` and its own JSON in
 * `message` (`PermissionScopeNotGranted`). Field evidence for the sibling roleEligibilityScheduleRequests
 * (microsoftgraph/microsoft-graph-docs issue 22292); the instances list is assumed to answer alike (sandbox/README.md).
 */
function permissionScopeNotGranted(req: SandboxRequest, accepted: readonly string[]): SandboxResponse {
  const message = JSON.stringify({
    errorCode: 'PermissionScopeNotGranted',
    message: `Authorization failed due to missing permission scope ${accepted.join(',')}.`,
    instanceAnnotations: [],
  });
  return graphError(req, 403, 'UnknownError', message);
}

function eligibilityJson(eligibility: RoleEligibility): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.unifiedRoleEligibilityScheduleInstance',
    id: eligibility.id,
    principalId: eligibility.principalId,
    roleDefinitionId: eligibility.roleDefinitionId,
    directoryScopeId: eligibility.directoryScopeId,
    appScopeId: null,
    startDateTime: eligibility.startDateTime,
    endDateTime: null,
    memberType: 'Direct',
    roleEligibilityScheduleId: eligibility.id,
  };
}

/** `GET /roleManagement/directory/roleEligibilityScheduleInstances` (v1.0 and beta): eligible, not active assignments. */
export function registerRoleEligibilityRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(
    router,
    ctx,
    'GET',
    '/roleManagement/directory/roleEligibilityScheduleInstances',
    (req) => {
      const roles = ctx.tokens.rolesOf(header(req, 'authorization'));
      if (!ELIGIBILITY_READ_PERMISSIONS.some((permission) => roles.includes(permission)))
        return permissionScopeNotGranted(req, ELIGIBILITY_READ_PERMISSIONS);
      const items = ctx.world().directory.roleEligibilities.map(eligibilityJson);
      const filtered = applyFilter(req, items, ELIGIBILITY_FILTER_PROPERTIES);
      return Array.isArray(filtered)
        ? pageOf(req, filtered, 'roleManagement/directory/roleEligibilityScheduleInstances')
        : filtered;
    },
    false,
  );
}
