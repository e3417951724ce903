export type UpstreamName = 'graph' | 'identity' | 'adminservice';

/** What an upstream said about a failed call: enough for the chat user and for support to find the request. */
export interface UpstreamFailure {
  readonly upstream: UpstreamName;
  /** A short domain description of the call, e.g. "list synced collections". */
  readonly operation: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  /** Intune's "Activity ID" from a nested error message, when there is one. */
  readonly activityId?: string;
  readonly serviceCode?: string;
  readonly serviceMessage?: string;
}

export type UpstreamErrorCode =
  | 'upstream-throttled'
  | 'upstream-unavailable'
  | 'upstream-rejected'
  | 'upstream-unauthorized'
  | 'upstream-forbidden'
  | 'upstream-not-found'
  | 'upstream-response-invalid'
  | 'upstream-outcome-unknown';

/** The one error family adapters throw for a failed upstream call; no HTTP or SDK type leaks through it. */
export abstract class UpstreamError extends Error {
  abstract readonly code: UpstreamErrorCode;

  constructor(
    readonly failure: UpstreamFailure,
    summary: string,
  ) {
    super(`${failure.operation}: ${summary}${describeIds(failure)}`);
  }

  get retryable(): boolean {
    return (
      this.code === 'upstream-throttled' ||
      this.code === 'upstream-unavailable' ||
      this.code === 'upstream-outcome-unknown'
    );
  }
}

function describeIds(failure: UpstreamFailure): string {
  const ids = [
    failure.requestId ? `request id ${failure.requestId}` : undefined,
    failure.activityId ? `activity id ${failure.activityId}` : undefined,
  ].filter((id) => id !== undefined);
  return ids.length > 0 ? ` (${ids.join(', ')})` : '';
}

/** Still throttled (429) when the retry budget ran out. */
export class UpstreamThrottled extends UpstreamError {
  readonly code = 'upstream-throttled';
  override readonly name = 'UpstreamThrottled';
  constructor(
    failure: UpstreamFailure,
    readonly attempts: number,
  ) {
    super(failure, `still throttled after ${attempts} attempts`);
  }
}

/** 503/504 or a network failure that did not clear within the retry budget. */
export class UpstreamUnavailable extends UpstreamError {
  readonly code = 'upstream-unavailable';
  override readonly name = 'UpstreamUnavailable';
  constructor(
    failure: UpstreamFailure,
    readonly attempts: number,
  ) {
    super(
      failure,
      `service unavailable after ${attempts} attempts${failure.serviceMessage ? `: ${failure.serviceMessage}` : ''}`,
    );
  }
}

/** The service refused the request as sent (400, 409, ...): the service message says why. */
export class UpstreamRejected extends UpstreamError {
  readonly code = 'upstream-rejected';
  override readonly name = 'UpstreamRejected';
  constructor(failure: UpstreamFailure) {
    super(failure, `rejected (${failure.status ?? '?'}): ${failure.serviceMessage ?? 'no message'}`);
  }
}

export class UpstreamUnauthorized extends UpstreamError {
  readonly code = 'upstream-unauthorized';
  override readonly name = 'UpstreamUnauthorized';
  constructor(failure: UpstreamFailure) {
    super(failure, `the app could not authenticate${failure.serviceMessage ? `: ${failure.serviceMessage}` : ''}`);
  }
}

/** Usually a missing application permission or an unlicensed tenant. */
export class UpstreamForbidden extends UpstreamError {
  readonly code = 'upstream-forbidden';
  override readonly name = 'UpstreamForbidden';
  constructor(failure: UpstreamFailure) {
    super(failure, `access denied${failure.serviceMessage ? `: ${failure.serviceMessage}` : ''}`);
  }
}

export class UpstreamNotFound extends UpstreamError {
  readonly code = 'upstream-not-found';
  override readonly name = 'UpstreamNotFound';
  constructor(failure: UpstreamFailure) {
    super(failure, `not found${failure.serviceMessage ? `: ${failure.serviceMessage}` : ''}`);
  }
}

/** The call succeeded but the answer does not have the shape the adapter relies on. */
export class UpstreamResponseInvalid extends UpstreamError {
  readonly code = 'upstream-response-invalid';
  override readonly name = 'UpstreamResponseInvalid';
  constructor(
    failure: UpstreamFailure,
    readonly problem: string,
  ) {
    super(failure, `unexpected response: ${problem}`);
  }
}

/**
 * A write whose answer never arrived (timeout, reset after sending, 502/503/504 from a gateway): the service may
 * still carry it out. It is neither done nor failed; see core/runs/unknown-outcome.ts for what a run does next.
 */
export class UpstreamOutcomeUnknown extends UpstreamError {
  readonly code = 'upstream-outcome-unknown';
  override readonly name = 'UpstreamOutcomeUnknown';
  constructor(
    failure: UpstreamFailure,
    readonly reason: string,
    /**
     * Set when the service did answer (a gateway's 502/503/504), with its Retry-After: such a write settles sooner than
     * one that got no answer at all (core/runs/unknown-outcome.ts).
     */
    readonly answer?: { readonly status: number; readonly retryAfterMs?: number },
  ) {
    super(failure, `no answer to the change (${reason}); it may still have been made`);
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError;
}
