import type { DemoUser } from '../constants.js';
import type { Router } from '../http/router.js';
import { header, json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { DirectoryGroup, RoleAssignment } from '../world/directory.js';
import type { World } from '../world/world.js';
import { graphError, notFound } from './graph-errors.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { applyFilter, pageOf, select } from './paging.js';

export function userJson(u: DemoUser): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.user',
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.userPrincipalName,
    accountEnabled: true,
    userType: 'Member',
  };
}

export function groupJson(g: DirectoryGroup): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    isAssignableToRole: g.isAssignableToRole,
    mailNickname: g.displayName.replace(/\W/g, ''),
  };
}

function principalJson(world: World, id: string): Record<string, unknown> | undefined {
  const u = world.directory.user(id);
  if (u) return userJson(u);
  const g = world.directory.group(id);
  return g ? groupJson(g) : undefined;
}

function assignmentJson(world: World, a: RoleAssignment, req: SandboxRequest): Record<string, unknown> {
  const item: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.unifiedRoleAssignment',
    id: a.id,
    principalId: a.principalId,
    roleDefinitionId: a.roleDefinitionId,
    directoryScopeId: a.directoryScopeId,
    appScopeId: null,
    condition: null,
  };
  if ((req.query.get('$expand') ?? '').toLowerCase().includes('principal'))
    item.principal = principalJson(world, a.principalId) ?? null;
  return item;
}

/**
 * The List transitiveRoleAssignments page: without `ConsistencyLevel: eventual` the request returns 404; `$filter` on
 * principalId is required; graph-intune.md §11.1 reads `$count=true` as required with it (sandbox/README.md).
 */
function refuseTransitiveQuery(req: SandboxRequest): SandboxResponse | undefined {
  if ((header(req, 'consistencylevel') ?? '').toLowerCase() !== 'eventual') {
    return graphError(req, 404, 'Request_ResourceNotFound', "Resource 'transitiveRoleAssignments' does not exist.");
  }
  if (!/principalId eq '[^']+'/i.test(req.query.get('$filter') ?? '')) {
    return graphError(req, 400, 'Request_UnsupportedQuery', 'A $filter on principalId (eq) is required.');
  }
  if ((req.query.get('$count') ?? '').toLowerCase() !== 'true') {
    return graphError(
      req,
      400,
      'Request_UnsupportedQuery',
      "Advanced query on transitiveRoleAssignments requires '$count=true' with the 'ConsistencyLevel: eventual' header.",
    );
  }
  return undefined;
}

const ROLE_FILTER_PROPERTIES = new Set(['roledefinitionid', 'principalid', 'directoryscopeid', 'id']);

export function registerDirectoryRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(
    router,
    ctx,
    'GET',
    '/roleManagement/directory/roleAssignments',
    (req) => {
      const world = ctx.world();
      const items = world.directory.roleAssignments.map((a) => assignmentJson(world, a, req));
      const filtered = applyFilter(req, items, ROLE_FILTER_PROPERTIES);
      return Array.isArray(filtered) ? pageOf(req, filtered, 'roleManagement/directory/roleAssignments') : filtered;
    },
    false,
  );

  graphRoute(router, ctx, 'GET', '/roleManagement/directory/transitiveRoleAssignments', (req) => {
    const refused = refuseTransitiveQuery(req);
    if (refused) return refused;
    const world = ctx.world();
    const principal = (/principalId eq '([^']+)'/i.exec(req.query.get('$filter') ?? '')?.[1] ?? '').toLowerCase();
    const via = new Set([principal, ...world.directory.transitiveGroupsOf(principal).map((g) => g.id)]);
    const assignments = world.directory.roleAssignments.filter((a) => via.has(a.principalId));
    const items = assignments.map((a) => assignmentJson(world, a, req));
    const withoutPrincipal = new URLSearchParams(req.query);
    withoutPrincipal.set(
      '$filter',
      (req.query.get('$filter') ?? '').replace(/(\s+and\s+)?principalId eq '[^']+'(\s+and\s+)?/i, ''),
    );
    const rest = withoutPrincipal.get('$filter')?.trim()
      ? applyFilter({ ...req, query: withoutPrincipal }, items, ROLE_FILTER_PROPERTIES)
      : items;
    return Array.isArray(rest) ? pageOf(req, rest, 'roleManagement/directory/transitiveRoleAssignments') : rest;
  });

  graphRoute(
    router,
    ctx,
    'GET',
    '/users/:id',
    (req, p) => {
      const u = ctx.world().directory.user(p.id ?? '');
      return u
        ? json(200, {
            '@odata.context': `${req.origin}/graph/beta/$metadata#users/$entity`,
            ...select(userJson(u), req),
          })
        : notFound(
            req,
            `Resource '${p.id ?? ''}' does not exist or one of its queried reference-property objects are not present.`,
          );
    },
    false,
  );

  graphRoute(
    router,
    ctx,
    'GET',
    '/users/:id/transitiveMemberOf',
    (req, p) => {
      const world = ctx.world();
      const u = world.directory.user(p.id ?? '');
      if (!u)
        return notFound(
          req,
          `Resource '${p.id ?? ''}' does not exist or one of its queried reference-property objects are not present.`,
        );
      return pageOf(req, world.directory.transitiveGroupsOf(u.id).map(groupJson), 'directoryObjects');
    },
    false,
  );

  graphRoute(
    router,
    ctx,
    'GET',
    '/groups',
    (req) => {
      const filtered = applyFilter(
        req,
        ctx.world().directory.groups.map(groupJson),
        new Set(['displayname', 'id', 'securityenabled', 'mailnickname']),
      );
      return Array.isArray(filtered) ? pageOf(req, filtered, 'groups') : filtered;
    },
    false,
  );

  graphRoute(
    router,
    ctx,
    'GET',
    '/groups/:id',
    (req, p) => {
      const g = ctx.world().directory.group(p.id ?? '');
      return g
        ? json(200, select(groupJson(g), req))
        : notFound(
            req,
            `Resource '${p.id ?? ''}' does not exist or one of its queried reference-property objects are not present.`,
          );
    },
    false,
  );
}
