import { randomUUID } from 'node:crypto';

/** maa.md "The protocol" step 3: the statuses of an operationApprovalRequest. */
export type MaaStatus = 'needsApproval' | 'approved' | 'rejected' | 'cancelled' | 'completed' | 'expired';

/** Requests expire 3 days after they are made (maa.md, the 2026-04 access-policy doc). */
export const MAA_REQUEST_LIFETIME_MS = 3 * 24 * 3600 * 1000;

export interface MaaDecision {
  readonly userId: string;
  readonly displayName: string;
  readonly justification: string;
  readonly at: string;
}

export interface MaaRequest {
  readonly id: string;
  readonly policyType: string;
  readonly method: string;
  readonly path: string;
  /** Canonical JSON of the held body: the resend must be identical. */
  readonly bodyKey: string;
  /** The entity the request locks (the policy in the path); none for a create. */
  readonly entityId?: string;
  readonly requestJustification: string;
  readonly requestedAtMs: number;
  readonly expiresAtMs: number;
  status: MaaStatus;
  decision?: MaaDecision;
  /** Gone from every read (control API `maa/requests/{id}/hide`): a request Intune no longer shows. */
  hidden?: boolean;
}

/** The tenant's Multi Admin Approval requests. An app can only create them; only people decide (control API). */
export class OperationApprovals {
  private readonly requests = new Map<string, MaaRequest>();

  create(fields: Omit<MaaRequest, 'id' | 'status' | 'expiresAtMs'>): MaaRequest {
    const request: MaaRequest = {
      ...fields,
      id: randomUUID(),
      status: 'needsApproval',
      expiresAtMs: fields.requestedAtMs + MAA_REQUEST_LIFETIME_MS,
    };
    this.requests.set(request.id, request);
    return request;
  }

  /** The request as of `nowMs`: a pending one past its expiry has expired. A hidden one is what Graph reads miss. */
  get(id: string, nowMs: number): MaaRequest | undefined {
    const request = this.stored(id, nowMs);
    return request?.hidden === true ? undefined : request;
  }

  /** The request whether Graph can see it or not (locks, the control API). */
  stored(id: string, nowMs: number): MaaRequest | undefined {
    const request = this.requests.get(id.toLowerCase());
    if (request?.status === 'needsApproval' && nowMs >= request.expiresAtMs) request.status = 'expired';
    return request;
  }

  list(nowMs: number): MaaRequest[] {
    return [...this.requests.keys()].map((id) => this.get(id, nowMs)).filter((r): r is MaaRequest => r !== undefined);
  }

  /** Every request, hidden ones too. */
  all(nowMs: number): MaaRequest[] {
    return [...this.requests.keys()]
      .map((id) => this.stored(id, nowMs))
      .filter((r): r is MaaRequest => r !== undefined);
  }

  /**
   * The request that locks an entity: one still pending (`needsApproval`) or approved and not yet carried out
   * (maa.md "One request per entity"; field reports show "Approved - Needs completion" as still pending).
   */
  lockOf(entityId: string, nowMs: number): MaaRequest | undefined {
    const id = entityId.toLowerCase();
    return this.all(nowMs).find(
      (request) => request.entityId === id && (request.status === 'needsApproval' || request.status === 'approved'),
    );
  }

  decide(request: MaaRequest, status: 'approved' | 'rejected', decision: MaaDecision): void {
    request.status = status;
    request.decision = decision;
  }

  cancel(request: MaaRequest): void {
    request.status = 'cancelled';
  }

  complete(request: MaaRequest): void {
    request.status = 'completed';
  }
}

/** Key order does not make two bodies different. */
export function canonicalBody(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
