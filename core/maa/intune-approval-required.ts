/**
 * A tenant write Intune holds for Multi Admin Approval (403 `ApprovalRequired`, maa.md "The protocol" step 2): nothing
 * was changed yet. `heldWrite` is the adapter's own description of the exact request, opaque to core, so the run can
 * store it and have the adapter resend it unchanged once an Intune admin approves.
 */
export class IntuneApprovalRequired extends Error {
  override readonly name = 'IntuneApprovalRequired';

  constructor(
    readonly requestId: string,
    readonly operation: string,
    readonly heldWrite: unknown,
    readonly serviceMessage?: string,
  ) {
    super(`${operation}: Intune holds this change for Multi Admin Approval (request ${requestId})`);
  }
}

export function isIntuneApprovalRequired(error: unknown): error is IntuneApprovalRequired {
  return error instanceof IntuneApprovalRequired;
}
