import {
  type UpstreamError,
  type UpstreamFailure,
  UpstreamForbidden,
  UpstreamNotFound,
  UpstreamRejected,
  UpstreamThrottled,
  UpstreamUnauthorized,
  UpstreamUnavailable,
} from '../../core/errors/upstream-error.js';
import { parseServiceError } from './graph-error-body.js';

export interface FailedReply {
  readonly status: number;
  readonly body: unknown;
  readonly requestId?: string;
  readonly clientRequestId: string;
}

export function failureOf(operation: string, reply: FailedReply): UpstreamFailure {
  const service = parseServiceError(reply.body);
  const requestId = reply.requestId ?? service.requestId;
  return {
    upstream: 'graph',
    operation,
    status: reply.status,
    clientRequestId: reply.clientRequestId,
    ...(requestId === undefined ? {} : { requestId }),
    ...(service.activityId === undefined ? {} : { activityId: service.activityId }),
    ...(service.serviceCode === undefined ? {} : { serviceCode: service.serviceCode }),
    ...(service.serviceMessage === undefined ? {} : { serviceMessage: service.serviceMessage }),
  };
}

/** The one mapping from a Graph status code to a domain error. */
export function toUpstreamError(operation: string, reply: FailedReply, attempts: number): UpstreamError {
  const failure = failureOf(operation, reply);
  switch (reply.status) {
    case 401:
      return new UpstreamUnauthorized(failure);
    case 403:
      return new UpstreamForbidden(failure);
    case 404:
      return new UpstreamNotFound(failure);
    case 429:
      return new UpstreamThrottled(failure, attempts);
    default:
      return reply.status >= 500 ? new UpstreamUnavailable(failure, attempts) : new UpstreamRejected(failure);
  }
}
