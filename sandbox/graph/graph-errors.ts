import { randomUUID } from 'node:crypto';
import { header, json, type SandboxRequest, type SandboxResponse } from '../http/types.js';

/** Graph error body (graph-intune.md §7.4). */
export function graphError(
  req: SandboxRequest,
  status: number,
  code: string,
  message: string,
  extraHeaders?: Record<string, string>,
): SandboxResponse {
  return json(
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: (req.receivedAt ?? new Date().toISOString()).slice(0, 19),
          'request-id': req.requestId,
          'client-request-id': header(req, 'client-request-id') ?? req.requestId,
        },
      },
    },
    extraHeaders,
  );
}

/** Intune's habit of putting a JSON string inside `message` (graph-intune.md §7.4, CIPP issue #5945). */
export function intuneInternalError(req: SandboxRequest, status = 500): SandboxResponse {
  const activityId = randomUUID();
  const message = JSON.stringify({
    _version: 3,
    Message: `An internal server error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${activityId} - Url: https://fef.msua06.manage.microsoft.com${req.path}`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
  return graphError(req, status, status === 503 ? 'ServiceUnavailable' : 'InternalServerError', message);
}

export const badRequest = (req: SandboxRequest, message: string): SandboxResponse =>
  graphError(req, 400, 'BadRequest', message);
export const notFound = (req: SandboxRequest, message = 'Resource not found for the segment.'): SandboxResponse =>
  graphError(req, 404, 'ResourceNotFound', message);
