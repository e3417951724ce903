import { z } from 'zod';
import { IntuneApprovalRequired } from '../../../core/maa/intune-approval-required.js';
import { MAX_JUSTIFICATION_CHARS } from '../../../core/maa/tenant-write.js';
import type { TenantWrite } from '../../../core/ports/tenant-write.js';
import type { GraphCall, GraphReply } from '../graph-call.js';
import { parseServiceError } from '../graph-error-body.js';
import { ACTIVE_REQUEST_IN_TEXT, APPROVAL_CODE_IN_TEXT } from './maa-assumptions.js';

/** maa.md "The protocol" [DOC]: the headers and the error code of an app-only write held for approval. */
export const JUSTIFICATION_HEADER = 'x-msft-approval-justification';
export const APPROVAL_CODE_HEADER = 'x-msft-approval-code';

/** What is stored while Intune holds a write, and resent unchanged: everything but the justification header. */
export const heldWriteSchema = z.object({
  operation: z.string(),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.unknown().optional(),
});
export type HeldWrite = z.infer<typeof heldWriteSchema>;

/** A write with the run's justification, Base64 of UTF-8 text of at most 1,024 characters (maa.md step 1). */
export function justifiedWrite<C extends GraphCall>(call: C, write: TenantWrite | undefined): C {
  if (write?.justification === undefined) return call;
  const text = write.justification.slice(0, MAX_JUSTIFICATION_CHARS);
  return {
    ...call,
    headers: { ...call.headers, [JUSTIFICATION_HEADER]: Buffer.from(text, 'utf8').toString('base64') },
  };
}

/** The identical write again, with the code instead of the justification (maa.md step 4). */
export function approvedWrite(held: HeldWrite, requestId: string): GraphCall {
  return { ...held, headers: { [APPROVAL_CODE_HEADER]: requestId } };
}

/**
 * Whether Intune holds this write (maa.md "Corrections and field evidence"): the one signal every account shares is the
 * approval code on a refused write, whatever the status and outer code (403 `ApprovalRequired` in the how-to, 412
 * with outer code `BadRequest` in field reports). So: any 4xx to a write (not a GET, not a read-only POST) carrying the
 * code in the `x-msft-approval-code` header, or in the error body as `x-msft-approval-code: <guid>` (also the older
 * "approval code <guid>"), including inside Intune's JSON nested as a string in `error.message`. A 409 "An active
 * Approval Request already exists for this entity" that names its code is that request, rejoined.
 */
export function heldForApproval(call: GraphCall, reply: GraphReply): IntuneApprovalRequired | undefined {
  if (!isRefusedWrite(call, reply)) return undefined;
  const requestId = reply.approvalCode?.trim() || approvalCodeInBody(reply.body);
  if (!requestId) return undefined;
  const serviceMessage = parseServiceError(reply.body).serviceMessage;
  return new IntuneApprovalRequired(requestId, call.operation, heldWriteOf(call), serviceMessage, {
    rejoined: meetsActiveRequest(call, reply),
  });
}

/** A refused write because Intune already holds a request for the same entity (maa.md "One request per entity"). */
export function meetsActiveRequest(call: GraphCall, reply: GraphReply): boolean {
  return isRefusedWrite(call, reply) && ACTIVE_REQUEST_IN_TEXT.test(bodyText(reply.body));
}

/** The write as stored while it is held, and resent unchanged: everything but the justification header. */
export function heldWriteOf(call: GraphCall): HeldWrite {
  if (call.method === 'GET') throw new Error(`${call.operation}: a read is never held for approval`);
  return {
    operation: call.operation,
    method: call.method,
    path: call.path,
    ...(call.query === undefined ? {} : { query: { ...call.query } }),
    ...(call.body === undefined ? {} : { body: call.body }),
  };
}

function isRefusedWrite(call: GraphCall, reply: GraphReply): boolean {
  return call.method !== 'GET' && call.readOnly !== true && reply.status >= 400 && reply.status < 500;
}

function approvalCodeInBody(body: unknown): string | undefined {
  return APPROVAL_CODE_IN_TEXT.exec(bodyText(body))?.[1];
}

/** The whole error body as text: the code may sit in `message`, in JSON nested in it, or in its `HttpHeaders`. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '';
  }
}
