import { randomUUID } from 'node:crypto';
import type { MaaDialect } from '../constants.js';
import type { SandboxRequest, SandboxResponse } from '../http/types.js';
import { graphError } from './graph-errors.js';

/** maa.md "The protocol" [DOC]: the response header that carries a held write's request id. */
export const APPROVAL_CODE_HEADER = 'x-msft-approval-code';

/** maa.md "One request per entity": the field reports' message for a second write to a locked entity. */
export const ACTIVE_REQUEST_MESSAGE = 'An active Approval Request already exists for this entity';

/**
 * A write Intune holds, in each dialect (sandbox/README.md "Multi Admin Approval"):
 * - `doc`: 403 `ApprovalRequired`, the code in the header and in the message (maa.md "The protocol" step 2).
 * - `field`: 412 with outer code `BadRequest` and Intune's JSON nested as a string in `error.message`, the code in the
 *   header and, in Microsoft's own wording, `x-msft-approval-code: <guid>` in the nested message (maa.md
 *   "Corrections and field evidence"; public admin tooling: "Expect 412 PreconditionFailed with an
 *   x-msft-approval-code response header").
 */
export function heldAnswer(dialect: MaaDialect, req: SandboxRequest, code: string, why: string): SandboxResponse {
  const headers = { [APPROVAL_CODE_HEADER]: code };
  if (dialect === 'doc') return graphError(req, 403, 'ApprovalRequired', `${why} Approval code: ${code}`, headers);
  return graphError(req, 412, 'BadRequest', intuneNested(req, `${why} ${APPROVAL_CODE_HEADER}: ${code}`), headers);
}

/**
 * A second write to an entity whose request is pending (maa.md "One request per entity" [DOC]; status and message
 * from field reports). No code comes with it: the client finds the request with `retrieveRequestStatus`.
 * Sandbox choice: outer code `Conflict` in `doc`, Intune's nesting with `BadRequest` in `field`.
 */
export function activeRequestAnswer(dialect: MaaDialect, req: SandboxRequest): SandboxResponse {
  return dialect === 'doc'
    ? graphError(req, 409, 'Conflict', ACTIVE_REQUEST_MESSAGE)
    : graphError(req, 409, 'BadRequest', intuneNested(req, ACTIVE_REQUEST_MESSAGE));
}

/** Intune's JSON document inside `error.message` (graph-intune.md §7.4). */
function intuneNested(req: SandboxRequest, message: string): string {
  return JSON.stringify({
    _version: 3,
    Message: `${message} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${randomUUID()} - Url: https://fef.msua06.manage.microsoft.com${req.path}`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
}
