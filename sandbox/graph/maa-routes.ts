import { type MaaDialect, SANDBOX_APP } from '../constants.js';
import type { Router } from '../http/router.js';
import { json } from '../http/types.js';
import { GROUP_IDS } from '../world/directory.js';
import type { MaaRequest } from '../world/operation-approvals.js';
import type { World } from '../world/world.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { badRequest, notFound } from './graph-errors.js';
import { EMPTY_PAYLOAD, registerRetrieveRequestStatus } from './maa-request-status.js';
import { applyFilter, pageOf } from './paging.js';

const REQUESTS = '/deviceManagement/operationApprovalRequests';
const POLICIES = '/deviceManagement/operationApprovalPolicies';

/**
 * operationApprovalRequest as maa.md step 3 lists it; `requestor`/`approver` as identity sets (our reading, [U]). The
 * `doc` dialect also has the how-to's `requestId`; `field` follows the Graph schema, which has no such property
 * (maa.md "Corrections and field evidence").
 */
export function requestJson(request: MaaRequest, dialect: MaaDialect = 'doc'): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.operationApprovalRequest',
    id: request.id,
    ...(dialect === 'doc' ? { requestId: request.id } : {}),
    status: request.status,
    requestDateTime: new Date(request.requestedAtMs).toISOString(),
    expirationDateTime: new Date(request.expiresAtMs).toISOString(),
    requestJustification: request.requestJustification,
    requestor: { application: { id: SANDBOX_APP.clientId, displayName: 'AttachOps' } },
    approver: request.decision
      ? { user: { id: request.decision.userId, displayName: request.decision.displayName } }
      : null,
    approvalJustification: request.decision?.justification ?? null,
    requiredOperationApprovalPolicyTypes: [request.policyType],
  };
}

function policiesJson(world: World): Record<string, unknown>[] {
  return world.facts.maaProtectedPolicyTypes.map((policyType) => ({
    '@odata.type': '#microsoft.graph.operationApprovalPolicy',
    id: `maa-${policyType}`,
    displayName: `Protect ${policyType}`,
    description: 'Second admin for every change',
    policyType,
    policyPlatform: 'notApplicable',
    approverGroupIds: [GROUP_IDS.maaApprovers],
    lastModifiedDateTime: new Date(world.createdAtMs).toISOString(),
  }));
}

/** The approver group of the sandbox's access policies, and who may decide through the control API. */
export function mayDecide(world: World, userId: string): boolean {
  return world.directory.group(GROUP_IDS.maaApprovers)?.memberIds.has(userId) ?? false;
}

export function registerMaaRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(router, ctx, 'GET', REQUESTS, (req) => {
    const world = ctx.world();
    const dialect = ctx.maaDialect();
    const rows = world.approvals.list(world.clock.nowMs()).map((request) => requestJson(request, dialect));
    /** `field`: a filter on a property the entity lacks is refused, as OData services do (400). */
    const allowed = dialect === 'field' ? fieldProperties() : undefined;
    const filtered = applyFilter(req, rows, allowed);
    return Array.isArray(filtered) ? pageOf(req, filtered, 'deviceManagement/operationApprovalRequests') : filtered;
  });
  graphRoute(router, ctx, 'GET', `${REQUESTS}/:id`, (req, p) => {
    const world = ctx.world();
    const request = world.approvals.get(p.id ?? '', world.clock.nowMs());
    return request
      ? json(200, requestJson(request, ctx.maaDialect()))
      : notFound(req, `No operationApprovalRequest with id '${p.id ?? ''}' was found.`);
  });
  registerRetrieveRequestStatus(router, ctx);
  /** maa.md: `POST …/cancelMyRequest {"id"}` withdraws the caller's own pending request. */
  graphRoute(router, ctx, 'POST', `${REQUESTS}/cancelMyRequest`, (req) => {
    const world = ctx.world();
    if (req.body === undefined || req.body === null) return badRequest(req, EMPTY_PAYLOAD);
    const id = (req.body as { id?: unknown } | undefined)?.id;
    const request = typeof id === 'string' ? world.approvals.get(id, world.clock.nowMs()) : undefined;
    if (!request) return notFound(req, `No operationApprovalRequest with id '${String(id)}' was found.`);
    /** Sandbox choice [U]: an approved request not yet carried out can still be withdrawn by its requestor. */
    if (request.status !== 'needsApproval' && request.status !== 'approved') {
      return badRequest(req, `Request ${request.id} is ${request.status}.`);
    }
    world.approvals.cancel(request);
    return { status: 204 };
  });
  graphRoute(router, ctx, 'GET', POLICIES, (req) =>
    pageOf(req, policiesJson(ctx.world()), 'deviceManagement/operationApprovalPolicies'),
  );
}

/** The property names of a request in the `field` dialect (the Graph schema's), lower-cased for the filter check. */
function fieldProperties(): ReadonlySet<string> {
  const probe: MaaRequest = {
    id: '',
    policyType: '',
    method: '',
    path: '',
    bodyKey: '',
    requestJustification: '',
    requestedAtMs: 0,
    expiresAtMs: 0,
    status: 'needsApproval',
  };
  return new Set(Object.keys(requestJson(probe, 'field')).map((key) => key.toLowerCase()));
}
