import { randomUUID } from 'node:crypto';
import type { Router } from '../http/router.js';
import { json } from '../http/types.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { badRequest } from './graph-errors.js';

const REQUESTS = '/deviceManagement/operationApprovalRequests';

/** Field evidence (public admin tooling): the answer to an approval action called without a body. */
export const EMPTY_PAYLOAD = 'Empty Payload. JSON content expected.';

/**
 * `entityType` of a settings-catalog policy. Undocumented ("Not yet documented" on the reference page); public
 * tooling says only Intune's fully qualified internal name works (`Microsoft.Management.Services.Api.MobileApp` for
 * apps) and short forms return a bogus `requestId` that 404s. Sandbox choice by analogy [U]: the `field` dialect
 * answers only the first name truthfully; `doc` accepts all three.
 */
const ENTITY_TYPES = [
  'microsoft.management.services.api.devicemanagementconfigurationpolicy',
  'microsoft.graph.devicemanagementconfigurationpolicy',
  'devicemanagementconfigurationpolicy',
];

/**
 * maa.md: `POST operationApprovalRequests/retrieveRequestStatus {entityId, entityType}` answers
 * `operationApprovalRequestEntityStatus` `{requestId, requestExpirationDateTime, requestStatus, entityLocked}`, wrapped
 * in `value` as in Microsoft's example. An entity nothing locks: `entityLocked: false` and null fields (sandbox choice).
 */
export function registerRetrieveRequestStatus(router: Router, ctx: GraphContext): void {
  graphRoute(router, ctx, 'POST', `${REQUESTS}/retrieveRequestStatus`, (req) => {
    if (req.body === undefined || req.body === null) return badRequest(req, EMPTY_PAYLOAD);
    const { entityId, entityType } = req.body as { entityId?: unknown; entityType?: unknown };
    if (typeof entityId !== 'string' || entityId === '' || typeof entityType !== 'string' || entityType === '') {
      return badRequest(req, "The parameters 'entityId' and 'entityType' are required.");
    }
    const type = entityType.toLowerCase();
    if (!ENTITY_TYPES.includes(type)) return badRequest(req, `Invalid entityType '${entityType}'.`);
    const world = ctx.world();
    const lock = world.approvals.lockOf(entityId, world.clock.nowMs());
    const status = (requestId: string | null, locked: boolean) =>
      json(200, {
        '@odata.context': `${req.origin}/graph/beta/$metadata#microsoft.graph.operationApprovalRequestEntityStatus`,
        value: {
          '@odata.type': '#microsoft.graph.operationApprovalRequestEntityStatus',
          requestId,
          requestExpirationDateTime: lock ? new Date(lock.expiresAtMs).toISOString() : null,
          requestStatus: lock ? lock.status : null,
          entityLocked: locked,
        },
      });
    if (ctx.maaDialect() === 'field' && type !== ENTITY_TYPES[0]) return status(randomUUID(), lock !== undefined);
    return lock ? status(lock.id, true) : status(null, false);
  });
}
