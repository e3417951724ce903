import type { World } from '../world/world.js';
import { canonicalBody, type MaaRequest } from '../world/operation-approvals.js';
import { header, type Handler, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { GraphContext } from './graph-context.js';
import { badRequest, graphError } from './graph-errors.js';

/** maa.md "The protocol" [DOC]: header names, the message of a write without justification, the 1,024-char limit. */
export const JUSTIFICATION_HEADER = 'x-msft-approval-justification';
export const APPROVAL_CODE_HEADER = 'x-msft-approval-code';
export const JUSTIFICATION_REQUIRED = "Header 'x-msft-approval-justification' is required to request approval";
const MAX_JUSTIFICATION_CHARS = 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A write to a workload an access policy protects (maa.md): without the justification header it fails; with it, it is
 * held (403 `ApprovalRequired`, the code in `x-msft-approval-code` and in the message) and nothing changes; the identical
 * write with an approved request's code goes through once. Unprotected tenants see the handler unchanged.
 */
export function maaProtected(ctx: GraphContext, policyType: string, handler: Handler): Handler {
  return async (req, params) => {
    const world = ctx.world();
    if (!world.facts.maaProtectedPolicyTypes.includes(policyType)) return handler(req, params);
    const code = header(req, APPROVAL_CODE_HEADER);
    if (code !== undefined) {
      const request = world.approvals.get(code, world.clock.nowMs());
      const refusal = refuseCode(req, request);
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
    return hold(req, world, policyType, justification);
  };
}

function hold(req: SandboxRequest, world: World, policyType: string, justification: string): SandboxResponse {
  const request = world.approvals.create({
    policyType,
    method: req.method,
    path: req.path,
    bodyKey: canonicalBody(req.body ?? null),
    requestJustification: justification,
    requestedAtMs: world.clock.nowMs(),
  });
  return graphError(
    req,
    403,
    'ApprovalRequired',
    `This operation is protected by Multi Admin Approval and needs approval. Approval code: ${request.id}`,
    { [APPROVAL_CODE_HEADER]: request.id },
  );
}

/** Sandbox choices (sandbox/README.md): how a code that cannot be used is refused. */
function refuseCode(req: SandboxRequest, request: MaaRequest | undefined): SandboxResponse | undefined {
  if (!request) return badRequest(req, 'The approval code is not valid.');
  if (request.status === 'completed') return badRequest(req, `Approval request ${request.id} was already used.`);
  if (request.status !== 'approved') {
    return graphError(req, 403, 'ApprovalRequired', `Approval request ${request.id} is ${request.status}.`, {
      [APPROVAL_CODE_HEADER]: request.id,
    });
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
