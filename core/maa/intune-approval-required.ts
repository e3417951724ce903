/** How the adapter came to the request, beyond its id. */
export interface IntuneApprovalRequiredOptions {
  /**
   * The write met a request Intune already holds for the same entity (409 "An active Approval Request already exists
   * for this entity", maa.md "Corrections and field evidence") and this is THAT request: no new one was filed, the run
   * joins its wait (audited "rejoined", not "held").
   */
  readonly rejoined?: boolean;
}

/**
 * A tenant write Intune holds for Multi Admin Approval (maa.md "The protocol" step 2 and "Corrections and field
 * evidence": any non-GET 4xx carrying the approval code): nothing was changed yet. `heldWrite` is the adapter's own
 * description of the exact request, opaque to core, so the run can store it and have the adapter resend it unchanged
 * once an Intune admin approves.
 */
export class IntuneApprovalRequired extends Error {
  override readonly name = 'IntuneApprovalRequired';
  /** True when the write joined a request that was already pending for its entity (see the options). */
  readonly rejoined: boolean;

  constructor(
    readonly requestId: string,
    readonly operation: string,
    readonly heldWrite: unknown,
    readonly serviceMessage?: string,
    options: IntuneApprovalRequiredOptions = {},
  ) {
    super(
      options.rejoined === true
        ? `${operation}: Intune already holds a change to this entity for Multi Admin Approval (request ${requestId})`
        : `${operation}: Intune holds this change for Multi Admin Approval (request ${requestId})`,
    );
    this.rejoined = options.rejoined === true;
  }
}

export function isIntuneApprovalRequired(error: unknown): error is IntuneApprovalRequired {
  return error instanceof IntuneApprovalRequired;
}
