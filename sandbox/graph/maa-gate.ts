import type { MaaDialect } from '../constants.js';
import { header, type Handler, type RouteParams, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import { canonicalBody, type MaaRequest } from '../world/operation-approvals.js';
import type { World } from '../world/world.js';
import type { GraphContext } from './graph-context.js';
import { badRequest } from './graph-errors.js';
import { activeRequestAnswer, APPROVAL_CODE_HEADER, heldAnswer } from './maa-answers.js';

/** maa.md "The protocol" [DOC]: header names, the message of a write without justification, the 1,024-char limit. */
export const JUSTIFICATION_HEADER = 'x-msft-approval-justification';
export const JUSTIFICATION_REQUIRED = "Header 'x-msft-approval-justification' is required to request approval";
const MAX_JUSTIFICATION_CHARS = 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HELD = 'This operation is protected by Multi Admin Approval and needs approval.';

/**
 * A write to a workload an access policy protects (maa.md): without the justification header it fails; with it, it is
 * held (sandbox/README.md: 403 `ApprovalRequired` in the `doc` dialect, 412 `BadRequest` with nested JSON in `field`;
 * the code in `x-msft-approval-code` either way) and nothing changes; while a request is pending for the entity, any
 * other justified write to it is refused with 409; the identical write with an approved request's code goes through
 * once. Unprotected tenants see the handler unchanged.
 */
export function maaProtected(ctx: GraphContext, policyType: string, handler: Handler): Handler {
  return async (req, params) => {
    const world = ctx.world();
    if (!world.facts.maaProtectedPolicyTypes.includes(policyType)) return handler(req, params);
    const dialect = ctx.maaDialect();
    const code = header(req, APPROVAL_CODE_HEADER);
    if (code !== undefined) {
      if (!GUID.test(code.trim())) return badRequest(req, 'Invalid approval header format, expected GUID format');
      const request = world.approvals.stored(code.trim(), world.clock.nowMs());
      const refusal = refuseCode(dialect, req, request);
      if (refusal || !request) return refusal ?? badRequest(req, 'The approval code is not valid.');
      const response = await handler(req, params);
      if (response.status < 400) world.approvals.complete(request);
      return response;
    }
    const encoded = header(req, JUSTIFICATION_HEADER);
    if (encoded === undefined) return badRequest(req, JUSTIFICATION_REQUIRED);
    const justification = decodeJustification(encoded);
    if (justification === undefined) {
      return badRequest(
        req,
        `Header '${JUSTIFICATION_HEADER}' must be Base64 of a justification of at most ${MAX_JUSTIFICATION_CHARS} characters.`,
      );
    }
    const entityId = entityOf(params);
    if (entityId !== undefined && world.approvals.lockOf(entityId, world.clock.nowMs())) {
      return activeRequestAnswer(dialect, req);
    }
    return hold(dialect, req, world, policyType, justification, entityId);
  };
}

/** The entity a write locks: the policy in the path. A create has none yet (sandbox choice, sandbox/README.md). */
function entityOf(params: RouteParams): string | undefined {
  return params.id === undefined || params.id === '' ? undefined : params.id.toLowerCase();
}

function hold(
  dialect: MaaDialect,
  req: SandboxRequest,
  world: World,
  policyType: string,
  justification: string,
  entityId: string | undefined,
): SandboxResponse {
  const request = world.approvals.create({
    policyType,
    method: req.method,
    path: req.path,
    bodyKey: canonicalBody(req.body ?? null),
    requestJustification: justification,
    requestedAtMs: world.clock.nowMs(),
    ...(entityId === undefined ? {} : { entityId }),
  });
  return heldAnswer(dialect, req, request.id, HELD);
}

/** Sandbox choices (sandbox/README.md): how a code that cannot be used is refused. */
function refuseCode(
  dialect: MaaDialect,
  req: SandboxRequest,
  request: MaaRequest | undefined,
): SandboxResponse | undefined {
  if (!request) return badRequest(req, 'The approval code is not valid.');
  if (request.status === 'completed') return badRequest(req, `Approval request ${request.id} was already used.`);
  if (request.status !== 'approved') {
    return heldAnswer(dialect, req, request.id, `Approval request ${request.id} is ${request.status}.`);
  }
  const same =
    request.method === req.method && request.path === req.path && request.bodyKey === canonicalBody(req.body ?? null);
  return same ? undefined : badRequest(req, `The request does not match approval request ${request.id}.`);
}

function decodeJustification(encoded: string): string | undefined {
  const trimmed = encoded.trim();
  if (trimmed === '' || !BASE64.test(trimmed)) return undefined;
  const text = Buffer.from(trimmed, 'base64').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) return undefined;
  return text.length <= MAX_JUSTIFICATION_CHARS && text.trim() !== '' ? text : undefined;
}
