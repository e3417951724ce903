import type { Actor } from '../actor.js';
import type { PrincipalGrant } from '../access/principal-grant.js';
import type { Membership } from '../access/membership.js';
import { sameObjectId } from '../identity/object-id.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RunRecord } from '../runs/run-record.js';
import type { RunRequest } from '../runs/run-request.js';
import { UserFacingError } from '../user-facing-error.js';
import type { ApprovalRecord } from './approval-record.js';
import type { ApprovalListEntry } from './approval-list-index.js';
import { type ApprovalObserver, type ApprovalRecords } from './approval-records.js';
import type { ApprovalStore } from './approval-store.js';
import { authorizeDecision, type DecisionRules } from './authorize-decision.js';
import type { ChangePlan } from './change-plan.js';

export { APPROVAL_STEP, PLAN_RECHECK_STEP, type ApprovalObserver } from './approval-records.js';

export interface ApprovalSettings {
  readonly approvers: readonly PrincipalGrant[];
  readonly quorum: number;
  readonly ttlMs: number;
}

/** What the approval service needs of the run engine: start a request's run, and move it on once decided. */
export interface RunLauncher {
  start(request: RunRequest): Promise<RunRecord>;
  advanceInBackground(runId: string, actor: Actor): void;
}

export interface ApprovalServiceOptions {
  readonly records: ApprovalRecords;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly runs: RunLauncher;
  readonly membership: Membership;
  readonly settings: ApprovalSettings;
}

export type DecisionOutcome = 'recorded' | 'decided' | 'already-counted' | 'already-decided';

/** Who moves a run whose request expired. */
const EXPIRY_ACTOR: Actor = { channelUserId: 'attachops', name: 'AttachOps' };

/** Four eyes on every change: planned, approved by someone other than the requester, decided exactly once. */
/** How many of the caller's own requests one page of `approvals` shows. */
export const MY_REQUESTS_SHOWN = 10;

export class ApprovalService {
  private readonly records: ApprovalRecords;

  constructor(private readonly options: ApprovalServiceOptions) {
    this.records = options.records;
    this.records.observe({
      approvalChanged: (record) => {
        if (record.status === 'expired') this.moveRun(record, EXPIRY_ACTOR);
      },
    });
  }

  get store(): ApprovalStore {
    return this.records.store;
  }

  observe(observer: ApprovalObserver): void {
    this.records.observe(observer);
  }

  get settings(): ApprovalSettings {
    return this.options.settings;
  }

  /** Stores the request and starts its run, which waits for the approval before it changes anything. */
  request(plan: ChangePlan, requester: Actor, conversationId: string): Promise<ApprovalRecord> {
    return this.records.open(plan, requester, conversationId, (run) => this.options.runs.start(run));
  }

  get(id: string): Promise<ApprovalRecord | undefined> {
    return this.records.get(id);
  }

  requireRecord(id: string): Promise<ApprovalRecord> {
    return this.records.requireRecord(id);
  }

  /** AuditedApprovalStore.appendLeftovers, for a task once the leftover age has passed after a start. */
  appendLeftoverAudit(): Promise<number> {
    return this.records.appendLeftoverAudit();
  }

  addCard(id: string, conversationId: string, activityId: string): Promise<void> {
    return this.records.addCard(id, conversationId, activityId);
  }

  /** Marks a request whose plan no longer matches the tenant and asks again with the new plan, once. */
  supersede(id: string, plan: ChangePlan): Promise<ApprovalRecord | undefined> {
    return this.records.supersede(id, plan, (run) => this.options.runs.start(run));
  }

  /** Never throws: one person the directory cannot look up is no approver, and blocks nobody else's request. */
  async isApprover(actor: Actor): Promise<boolean> {
    if (!actor.aadObjectId) return false;
    try {
      return (
        (await this.options.membership.matchingGrants(actor.aadObjectId, this.options.settings.approvers)).length > 0
      );
    } catch (error) {
      this.options.log.warn({ err: error, aadObjectId: actor.aadObjectId }, 'approver look-up failed; not an approver');
      return false;
    }
  }

  async approve(id: string, actor: Actor): Promise<{ record: ApprovalRecord; outcome: DecisionOutcome }> {
    const record = await this.requireRecord(id);
    await authorizeDecision(record, actor, 'approve', this.decisionRules());
    const at = this.options.clock.now().toISOString();
    const updated = await this.records.changes.update<DecisionOutcome>(id, (current) => {
      if (current.status !== 'pending') return { result: 'already-decided' };
      if (current.approvals.some((approval) => sameObjectId(approval.by.aadObjectId, actor.aadObjectId)))
        return { result: 'already-counted' };
      const approvals = [...current.approvals, { by: { ...actor }, at }];
      const decided = approvals.length >= current.quorum;
      return {
        record: {
          ...current,
          approvals,
          ...(decided ? { status: 'approved' as const, decision: { by: { ...actor }, at } } : {}),
        },
        result: decided ? 'decided' : 'recorded',
        events: [
          {
            actor,
            action: decided ? 'approval.approved' : 'approval.vote',
            details: { planHash: current.planHash, approvals: approvals.length, quorum: current.quorum },
          },
        ],
      };
    });
    if (!updated) throw new UserFacingError('No such request', `There is no approval request ${id}.`);
    if (updated.result === 'already-decided') return { record: updated.record, outcome: 'already-decided' };
    if (updated.result !== 'already-counted') {
      this.records.notify(updated.record);
      if (updated.result === 'decided') this.moveRun(updated.record, actor);
    }
    return { record: updated.record, outcome: updated.result };
  }

  async reject(
    id: string,
    actor: Actor,
    reason: string,
  ): Promise<{ record: ApprovalRecord; outcome: DecisionOutcome }> {
    const trimmed = reason.trim();
    if (trimmed === '')
      throw new UserFacingError(
        'A reason is needed',
        'Rejecting a request needs a reason, so the requester knows what to change.',
        'Type the reason in the box, then press Reject.',
      );
    const record = await this.requireRecord(id);
    await authorizeDecision(record, actor, 'reject', this.decisionRules());
    const at = this.options.clock.now().toISOString();
    const updated = await this.records.changes.update<DecisionOutcome>(id, (current) =>
      current.status !== 'pending'
        ? { result: 'already-decided' }
        : {
            record: {
              ...current,
              status: 'rejected',
              decision: { by: { ...actor }, at, reason: trimmed.slice(0, 500) },
            },
            result: 'decided',
            events: [{ actor, action: 'approval.rejected', details: { planHash: current.planHash, reason: trimmed } }],
          },
    );
    if (!updated) throw new UserFacingError('No such request', `There is no approval request ${id}.`);
    if (updated.result === 'already-decided') return { record: updated.record, outcome: 'already-decided' };
    this.records.notify(updated.record);
    this.moveRun(updated.record, actor);
    return { record: updated.record, outcome: 'decided' };
  }

  /** The requester withdraws a pending request. */
  async cancel(id: string, actor: Actor): Promise<ApprovalRecord> {
    const record = await this.requireRecord(id);
    if (!sameObjectId(actor.aadObjectId, record.requestedBy.aadObjectId)) {
      throw new UserFacingError(
        `Only ${record.requestedBy.name} can cancel this request`,
        `Request ${id} was made by ${record.requestedBy.name}.`,
        'An approver can reject it instead.',
      );
    }
    const at = this.options.clock.now().toISOString();
    const updated = await this.records.changes.update(id, (current) =>
      current.status !== 'pending'
        ? { result: false }
        : {
            record: { ...current, status: 'cancelled' as const, decision: { by: { ...actor }, at } },
            result: true,
            events: [{ actor, action: 'approval.cancelled' }],
          },
    );
    if (!updated?.result)
      throw new UserFacingError('Already decided', `Request ${id} is ${record.status}; it can no longer be cancelled.`);
    this.records.notify(updated.record);
    this.moveRun(updated.record, actor);
    return updated.record;
  }

  /**
   * Requests the actor may decide, and requests the actor made: two pages of the list index (approval-list-index.ts),
   * never the whole history; only a pending request past its expiry is read, to expire it.
   */
  async listFor(
    actor: Actor,
  ): Promise<{ toDecide: ApprovalListEntry[]; mine: ApprovalListEntry[]; mineContinuation?: string }> {
    const store = this.records.store;
    await store.listOlderRequests();
    const [pending, requested, approver] = await Promise.all([
      store.listIndex.pending(),
      store.listIndex.requestedByPage(actor.aadObjectId, { limit: MY_REQUESTS_SHOWN }),
      this.isApprover(actor),
    ]);
    const [open, mine] = await Promise.all([this.present(pending), this.present(requested.entries)]);
    return {
      toDecide: approver
        ? open.filter(
            (record) =>
              record.status === 'pending' &&
              !sameObjectId(record.requestedBy.aadObjectId, actor.aadObjectId) &&
              !record.approvals.some((a) => sameObjectId(a.by.aadObjectId, actor.aadObjectId)),
          )
        : [],
      mine,
      ...(requested.continuation === undefined ? {} : { mineContinuation: requested.continuation }),
    };
  }

  /** The caller's own older requests, one page from where a storage continuation left off (the More button). */
  async myRequestsAfter(
    actor: Actor,
    continuation: string,
  ): Promise<{ mine: ApprovalListEntry[]; mineContinuation?: string }> {
    const page = await this.records.store.listIndex.requestedByPage(actor.aadObjectId, {
      limit: MY_REQUESTS_SHOWN,
      continuation,
    });
    return {
      mine: await this.present(page.entries),
      ...(page.continuation === undefined ? {} : { mineContinuation: page.continuation }),
    };
  }

  /** Entries as they stand now: a pending one past its expiry is read again (the sweep may not have ended it yet). */
  private async present(entries: readonly ApprovalListEntry[]): Promise<ApprovalListEntry[]> {
    const now = this.options.clock.now().getTime();
    const current = async (entry: ApprovalListEntry): Promise<ApprovalListEntry | undefined> =>
      entry.status === 'pending' && Date.parse(entry.expiresAt) <= now ? this.records.get(entry.id) : entry;
    return (await Promise.all(entries.map(current))).filter((entry): entry is ApprovalListEntry => entry !== undefined);
  }

  private moveRun(record: ApprovalRecord, actor: Actor): void {
    this.options.runs.advanceInBackground(record.runId, actor);
  }

  private decisionRules(): DecisionRules {
    return {
      isApprover: (actor) => this.isApprover(actor),
      refused: (actor, record, details) => this.audit(actor, 'approval.refused', record, details),
    };
  }

  private async audit(
    actor: Actor,
    action: string,
    record: ApprovalRecord,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.options.audit.append({
      actor,
      action,
      target: record.id,
      conversationId: record.conversationId,
      details: { runId: record.runId, ...details },
    });
  }
}
