import type { Actor } from '../actor.js';
import type { ApprovalRecord } from './approval-record.js';
import { planHash, type ChangePlan } from './change-plan.js';

export interface NewApproval {
  readonly id: string;
  readonly runId: string;
  readonly plan: ChangePlan;
  readonly requester: Actor;
  readonly conversationId: string;
  readonly quorum: number;
  readonly ttlMs: number;
  readonly replaces?: ApprovalRecord;
}

/** A request as it is first stored: pending, no votes, a copy of the plan and its hash, expiring after the TTL. */
export function newApprovalRecord(request: NewApproval, now: Date): ApprovalRecord {
  const { plan } = request;
  return {
    id: request.id,
    runId: request.runId,
    plan: structuredClone({
      ...plan,
      changes: [...plan.changes],
      resources: [...plan.resources],
      steps: [...plan.steps],
    }),
    planHash: planHash(plan),
    requestedBy: { ...request.requester },
    conversationId: request.conversationId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + request.ttlMs).toISOString(),
    quorum: request.quorum,
    status: 'pending',
    approvals: [],
    cards: [],
    ...(request.replaces ? { replaces: request.replaces.id } : {}),
  };
}
