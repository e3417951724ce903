import { z } from 'zod';
import { UpstreamNotFound, UpstreamRejected } from '../../../core/errors/upstream-error.js';
import type { GraphHttp } from '../graph-http.js';
import { odataString } from '../odata-string.js';
import { parseItems, parseReply } from '../parse-reply.js';
import { APPROVAL_REQUESTS } from './approval-requests-path.js';

/** operationApprovalRequest fields named in maa.md step 3; `requestId` only where a tenant has it (the how-to's filter). */
const requestSchema = z.object({
  id: z.string(),
  requestId: z.string().nullish(),
  status: z.string(),
  expirationDateTime: z.string().nullish(),
  approver: z.unknown().optional(),
  approvalJustification: z.string().nullish(),
  requiredOperationApprovalPolicyTypes: z.array(z.string()).nullish(),
});
export type ApprovalRequestRow = z.infer<typeof requestSchema>;

type Lookup = (http: GraphHttp, code: string) => Promise<ApprovalRequestRow | undefined>;

const OPERATION = 'read Multi Admin Approval request';

/** `GET operationApprovalRequests/{code}`: public tooling reads the request by its `id` = the approval code. */
const byId: Lookup = async (http, code) => {
  const reply = await http.send({
    operation: OPERATION,
    method: 'GET',
    path: `${APPROVAL_REQUESTS}/${encodeURIComponent(code)}`,
  });
  const request = parseReply(requestSchema, reply, OPERATION);
  return sameId(request.id, code) || sameId(request.requestId ?? '', code) ? request : undefined;
};

/** The whole list, matched on `id`: for a tenant that does not answer the read by id. */
const inList: Lookup = async (http, code) => {
  const items = await http.getAll({ operation: OPERATION, path: APPROVAL_REQUESTS });
  return parseItems(requestSchema, items, OPERATION).find((request) => sameId(request.id, code));
};

/** The how-to's `$filter=requestId eq '…'` (a property the schema lacks: a tenant may refuse it with 400). */
const byRequestIdFilter: Lookup = async (http, code) => {
  const items = await http.getAll({
    operation: OPERATION,
    path: APPROVAL_REQUESTS,
    query: { $filter: `requestId eq '${odataString(code)}'` },
  });
  return parseItems(requestSchema, items, OPERATION).find((request) => sameId(request.requestId ?? request.id, code));
};

/**
 * maa.md "Finding the request": by id, then the list matched on `id`, then the documented `requestId` filter. A 404 or
 * a refused query (400) only moves on. `undefined` means every way answered and none found the request; when none
 * found it and some could not answer (throttled, unavailable, forbidden, a reply we cannot read), the first such
 * error is thrown, so the caller knows it could not ask rather than that the request is gone.
 */
export async function findRequest(http: GraphHttp, code: string): Promise<ApprovalRequestRow | undefined> {
  let failure: unknown;
  for (const lookup of [byId, inList, byRequestIdFilter]) {
    try {
      const found = await lookup(http, code);
      if (found) return found;
    } catch (error) {
      if (!foundNothing(error)) failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return undefined;
}

function foundNothing(error: unknown): boolean {
  return error instanceof UpstreamNotFound || (error instanceof UpstreamRejected && error.failure.status === 400);
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
