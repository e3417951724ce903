import { z } from 'zod';
import { IntuneApprovalRequired } from '../../../core/maa/intune-approval-required.js';
import { MAX_JUSTIFICATION_CHARS } from '../../../core/maa/tenant-write.js';
import type { TenantWrite } from '../../../core/ports/tenant-write.js';
import type { GraphCall, GraphReply } from '../graph-call.js';
import { parseServiceError } from '../graph-error-body.js';
import { APPROVAL_CODE_IN_MESSAGE } from './maa-assumptions.js';

/** maa.md "The protocol" [DOC]: the headers and the error code of an app-only write held for approval. */
export const JUSTIFICATION_HEADER = 'x-msft-approval-justification';
export const APPROVAL_CODE_HEADER = 'x-msft-approval-code';
export const APPROVAL_REQUIRED_CODE = 'ApprovalRequired';

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

/** 403 `ApprovalRequired` with a code: Intune holds the write; anything else is an ordinary failure. */
export function heldForApproval(call: GraphCall, reply: GraphReply): IntuneApprovalRequired | undefined {
  if (reply.status !== 403 || call.method === 'GET') return undefined;
  const service = parseServiceError(reply.body);
  if (service.serviceCode !== APPROVAL_REQUIRED_CODE) return undefined;
  const requestId = reply.approvalCode ?? APPROVAL_CODE_IN_MESSAGE.exec(service.serviceMessage ?? '')?.[1];
  if (!requestId) return undefined;
  const held: HeldWrite = {
    operation: call.operation,
    method: call.method,
    path: call.path,
    ...(call.query === undefined ? {} : { query: { ...call.query } }),
    ...(call.body === undefined ? {} : { body: call.body }),
  };
  return new IntuneApprovalRequired(requestId, call.operation, held, service.serviceMessage);
}
