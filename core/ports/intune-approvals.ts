/** `operationApprovalRequest.status` (maa.md step 3); anything else the service adds reads as `unknownFutureValue`. */
export const INTUNE_REQUEST_STATUSES = [
  'needsApproval',
  'approved',
  'rejected',
  'cancelled',
  'completed',
  'expired',
  'unknownFutureValue',
] as const;
export type IntuneRequestStatus = (typeof INTUNE_REQUEST_STATUSES)[number];

/** One Multi Admin Approval request as the run needs it. */
export interface IntuneApprovalRequest {
  readonly requestId: string;
  readonly status: IntuneRequestStatus;
  readonly expiresAt?: string;
  /** Display name of the Intune admin who decided, when the service says. */
  readonly approver?: string;
  readonly approvalJustification?: string;
  /** Names of the approver groups of the access policies that hold the request, where they can be read. */
  readonly approverGroups: readonly string[];
}

/** An MAA access policy (`operationApprovalPolicy`). */
export interface IntuneAccessPolicy {
  readonly id: string;
  readonly displayName: string;
  /** e.g. `configurationPolicy`, `endpointSecurityPolicy`, `compliancePolicy`, `app`, `script`. */
  readonly policyType: string;
  readonly approverGroups: readonly string[];
  /** Whether this bot's application is excluded from the policy; `undefined` when that cannot be read. */
  readonly excludesThisApp?: boolean;
}

/** Intune Multi Admin Approval as the run engine and `check` need it. An app can never approve; it can only wait. */
export interface IntuneApprovals {
  /** `undefined` when Intune has no request with this id. */
  getRequest(requestId: string): Promise<IntuneApprovalRequest | undefined>;
  /** Sends the held write again, byte for byte, with the approval code; throws like any write when refused. */
  resend(heldWrite: unknown, requestId: string): Promise<void>;
  listAccessPolicies(): Promise<readonly IntuneAccessPolicy[]>;
  /** Withdraws our own pending request (`cancelMyRequest`, maa.md), when the run that made it is cancelled. */
  cancelRequest(requestId: string): Promise<void>;
}
