import type { Actor } from '../actor.js';
import type { PrincipalGrant } from '../access/principal-grant.js';
import type { Membership } from '../access/membership.js';
import { sameObjectId } from '../identity/object-id.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../ports/storage.js';
import { type RunEngine, SYSTEM_ACTOR } from '../runs/run-engine.js';
import { shortId } from '../short-id.js';
import { UserFacingError } from '../user-facing-error.js';
import type { ApprovalRecord } from './approval-record.js';
import { ApprovalStore } from './approval-store.js';
import { AuditedApprovalStore } from './audited-approval-store.js';
import { authorizeDecision, type DecisionRules } from './authorize-decision.js';
import type { ChangePlan } from './change-plan.js';
import { newApprovalRecord } from './new-approval-record.js';

export interface ApprovalSettings {
  readonly approvers: readonly PrincipalGrant[];
  readonly quorum: number;
  readonly ttlMs: number;
}

export interface ApprovalObserver {
  approvalChanged(record: ApprovalRecord): void;
}

export interface ApprovalServiceOptions {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly runs: RunEngine;
  readonly membership: Membership;
  readonly settings: ApprovalSettings;
}

export type DecisionOutcome = 'recorded' | 'decided' | 'already-counted' | 'already-decided';

export const APPROVAL_STEP = 'approval';
export const PLAN_RECHECK_STEP = 'plan-recheck';

/** Four eyes on every change: planned, approved by someone other than the requester, decided exactly once. */
export class ApprovalService {
  readonly store: ApprovalStore;
  private readonly observers: ApprovalObserver[] = [];
  private readonly audited: AuditedApprovalStore;

  constructor(private readonly options: ApprovalServiceOptions) {
    this.store = new ApprovalStore(options.storage);
    this.audited = new AuditedApprovalStore(this.store, options.audit, options.clock);
  }

  observe(observer: ApprovalObserver): void {
    this.observers.push(observer);
  }

  get settings(): ApprovalSettings {
    return this.options.settings;
  }

  /** Stores the request and starts its run, which waits for the approval before it changes anything. */
  async request(
    plan: ChangePlan,
    requester: Actor,
    conversationId: string,
    replaces?: ApprovalRecord,
  ): Promise<ApprovalRecord> {
    if (!requester.aadObjectId) {
      throw new UserFacingError(
        'Who are you?',
        'Your message did not carry an Azure AD identity, so I cannot take a change request from it.',
      );
    }
    const now = this.options.clock.now();
    const id = shortId('a');
    const run = await this.options.runs.start({
      kind: plan.kind,
      title: plan.title,
      requestedBy: requester,
      conversationId,
      resources: plan.resources,
      replacesRun: replaces?.runId,
      steps: [
        { kind: APPROVAL_STEP, title: 'Approval', input: { approvalId: id } },
        { kind: PLAN_RECHECK_STEP, title: 'Re-check the plan against the tenant', input: { approvalId: id } },
        ...plan.steps,
      ],
    });
    const record = newApprovalRecord(
      {
        id,
        runId: run.id,
        plan,
        requester,
        conversationId,
        quorum: this.options.settings.quorum,
        ttlMs: this.options.settings.ttlMs,
        ...(replaces ? { replaces } : {}),
      },
      now,
    );
    const stored = await this.audited.create(record, [
      {
        actor: requester,
        action: 'approval.requested',
        details: { planHash: record.planHash, plan: plan.title, changes: plan.changes.length },
      },
    ]);
    this.notify(stored);
    return stored;
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    return this.expireIfDue(await this.audited.get(id));
  }

  /** AuditedApprovalStore.appendLeftovers, for a task once the leftover age has passed after a start. */
  appendLeftoverAudit = (): Promise<number> => this.audited.appendLeftovers();

  async requireRecord(id: string): Promise<ApprovalRecord> {
    const record = await this.get(id);
    if (!record)
      throw new UserFacingError(
        'No such request',
        `There is no approval request ${id}.`,
        'Type approvals to see yours.',
      );
    return record;
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
    const updated = await this.audited.update<DecisionOutcome>(id, (current) => {
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
      this.notify(updated.record);
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
    const updated = await this.audited.update<DecisionOutcome>(id, (current) =>
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
    this.notify(updated.record);
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
    const updated = await this.audited.update(id, (current) =>
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
    this.notify(updated.record);
    this.moveRun(updated.record, actor);
    return updated.record;
  }

  /** Requests the actor may decide, and requests the actor made. */
  async listFor(actor: Actor): Promise<{ toDecide: ApprovalRecord[]; mine: ApprovalRecord[] }> {
    const records = await Promise.all((await this.store.list()).map((record) => this.expireIfDue(record)));
    const present = records.filter((record): record is ApprovalRecord => record !== undefined);
    const approver = await this.isApprover(actor);
    return {
      toDecide: approver
        ? present.filter(
            (record) =>
              record.status === 'pending' &&
              !sameObjectId(record.requestedBy.aadObjectId, actor.aadObjectId) &&
              !record.approvals.some((a) => sameObjectId(a.by.aadObjectId, actor.aadObjectId)),
          )
        : [],
      mine: present.filter((record) => sameObjectId(record.requestedBy.aadObjectId, actor.aadObjectId)).slice(0, 10),
    };
  }

  async addCard(id: string, conversationId: string, activityId: string): Promise<void> {
    await this.store.update(id, (current) =>
      current.cards.some((card) => card.activityId === activityId)
        ? { result: undefined }
        : { record: { ...current, cards: [...current.cards, { conversationId, activityId }] }, result: undefined },
    );
  }

  /** Marks a request whose plan no longer matches the tenant and asks again with the new plan, once. */
  async supersede(id: string, plan: ChangePlan): Promise<ApprovalRecord | undefined> {
    const marked = await this.store.update(id, (current) =>
      current.supersededBy || current.status === 'superseded'
        ? { result: false }
        : { record: { ...current, status: 'superseded' as const, supersededBy: 'pending' }, result: true },
    );
    if (!marked?.result) return undefined;
    const old = marked.record;
    this.notify(old);
    const next = await this.request(plan, old.requestedBy, old.conversationId, old);
    const linked = await this.audited.update(id, (current) => ({
      record: { ...current, supersededBy: next.id },
      result: undefined,
      events: [
        {
          actor: old.requestedBy,
          action: 'approval.replanned',
          details: { newRequest: next.id, newPlanHash: next.planHash },
        },
      ],
    }));
    if (linked) this.notify(linked.record);
    return next;
  }

  private async expireIfDue(record: ApprovalRecord | undefined): Promise<ApprovalRecord | undefined> {
    if (!record || record.status !== 'pending') return record;
    if (Date.parse(record.expiresAt) > this.options.clock.now().getTime()) return record;
    const updated = await this.audited.update(record.id, (current) =>
      current.status !== 'pending'
        ? { result: false }
        : {
            record: { ...current, status: 'expired' as const },
            result: true,
            events: [{ actor: SYSTEM_ACTOR, action: 'approval.expired' }],
          },
    );
    if (updated?.result) {
      this.notify(updated.record);
      this.moveRun(updated.record, SYSTEM_ACTOR);
    }
    return updated?.record ?? record;
  }

  private moveRun(record: ApprovalRecord, actor: Actor): void {
    this.options.runs.advanceInBackground(record.runId, actor);
  }

  private notify(record: ApprovalRecord): void {
    for (const observer of this.observers) {
      try {
        observer.approvalChanged(record);
      } catch (error) {
        this.options.log.warn({ err: error, approvalId: record.id }, 'approval observer failed');
      }
    }
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
