import { z } from 'zod';
import { UpstreamNotFound } from '../../../core/errors/upstream-error.js';
import { IntuneApprovalRequired } from '../../../core/maa/intune-approval-required.js';
import type { GraphCall, GraphReply } from '../graph-call.js';
import { parseServiceError } from '../graph-error-body.js';
import { APPROVAL_REQUESTS } from './approval-requests-path.js';
import { heldWriteOf } from './held-write.js';
import { APPROVAL_ENTITY_TYPES } from './maa-assumptions.js';

/**
 * `operationApprovalRequestEntityStatus` (maa.md: `{requestId, requestExpirationDateTime, requestStatus,
 * entityLocked}`); Microsoft's example wraps it in `value`, public tooling reads it either way.
 */
const entityStatusSchema = z.object({
  requestId: z.string().nullish(),
  requestStatus: z.string().nullish(),
  entityLocked: z.boolean().nullish(),
});
const entityStatusReplySchema = z.union([z.object({ value: entityStatusSchema }), entityStatusSchema]);

type Send = (call: GraphCall) => Promise<GraphReply>;

/**
 * A write met 409 "An active Approval Request already exists for this entity": find that request with
 * `retrieveRequestStatus {entityId, entityType}` and return it as the hold this write joins (`rejoined`), so the run
 * waits on it instead of failing, and never files a second request. When the entity cannot be named or no request
 * can be found and read, the refusal itself is returned, an ordinary failure.
 */
export async function rejoinActiveRequest(
  call: GraphCall,
  reply: GraphReply,
  send: Send,
  refusal: Error,
): Promise<Error> {
  const entity = approvalEntityOf(call.path);
  if (!entity) return refusal;
  for (const entityType of entity.types) {
    const requestId = await pendingRequestOf(send, entity.id, entityType);
    if (requestId === undefined || !(await requestExists(send, requestId))) continue;
    return new IntuneApprovalRequired(
      requestId,
      call.operation,
      heldWriteOf(call),
      parseServiceError(reply.body).serviceMessage,
      { rejoined: true },
    );
  }
  return refusal;
}

/** `/deviceManagement/{collection}/{id}[/…]` → the entity a request locks, with the entity types to ask with. */
export function approvalEntityOf(path: string): { id: string; types: readonly string[] } | undefined {
  const match = /^\/deviceManagement\/([^/?]+)\/([^/?]+)/.exec(path);
  const types = match?.[1] === undefined ? undefined : APPROVAL_ENTITY_TYPES[match[1]];
  if (!match?.[2] || !types) return undefined;
  return { id: decodeURIComponent(match[2]), types };
}

async function pendingRequestOf(send: Send, entityId: string, entityType: string): Promise<string | undefined> {
  try {
    const reply = await send({
      operation: 'find the pending Multi Admin Approval request',
      method: 'POST',
      path: `${APPROVAL_REQUESTS}/retrieveRequestStatus`,
      body: { entityId, entityType },
      readOnly: true,
    });
    const parsed = entityStatusReplySchema.safeParse(reply.body);
    if (!parsed.success) return undefined;
    const status = 'value' in parsed.data ? parsed.data.value : parsed.data;
    return status.requestId?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Field evidence: a wrong `entityType` answers with a bogus id that 404s; only a 404 disqualifies an answer. */
async function requestExists(send: Send, requestId: string): Promise<boolean> {
  try {
    await send({
      operation: 'read Multi Admin Approval request',
      method: 'GET',
      path: `${APPROVAL_REQUESTS}/${encodeURIComponent(requestId)}`,
    });
    return true;
  } catch (error) {
    return !(error instanceof UpstreamNotFound);
  }
}
