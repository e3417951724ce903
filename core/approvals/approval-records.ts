import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { isETagConflict, type Storage } from '../ports/storage.js';
import type { RunRequest } from '../runs/run-request.js';
import type { RunRecord } from '../runs/run-record.js';
import { shortId } from '../short-id.js';
import { UserFacingError } from '../user-facing-error.js';
import type { ApprovalRecord } from './approval-record.js';
import { ApprovalStore } from './approval-store.js';
import { AuditedApprovalStore } from './audited-approval-store.js';
import type { ChangePlan } from './change-plan.js';
import { newApprovalRecord } from './new-approval-record.js';

export const APPROVAL_STEP = 'approval';
export const PLAN_RECHECK_STEP = 'plan-recheck';

/** Who ends a request nobody decided in time. */
const EXPIRY_ACTOR: Actor = { channelUserId: 'attachops', name: 'AttachOps' };

export interface ApprovalObserver {
  approvalChanged(record: ApprovalRecord): void;
}

/** How a new request's run is started: by the run engine, or by a run step that asks again (StepContext.startRun). */
export type StartRun = (request: RunRequest) => Promise<RunRecord>;

export interface ApprovalRecordsParts {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly settings: { readonly quorum: number; readonly ttlMs: number };
}

/**
 * Approval requests as stored: opened with their run, read (expired when due), superseded by a new plan; every change
 * audited and told to observers (the approval cards). The run steps that wait on a request read it here, so the run
 * engine needs nothing of the approval service that is built on top of it.
 */
export class ApprovalRecords {
  readonly store: ApprovalStore;
  private readonly audited: AuditedApprovalStore;
  private readonly observers: ApprovalObserver[] = [];

  constructor(private readonly parts: ApprovalRecordsParts) {
    this.store = new ApprovalStore(parts.storage);
    this.audited = new AuditedApprovalStore(this.store, parts.audit, parts.clock);
  }

  get changes(): AuditedApprovalStore {
    return this.audited;
  }

  observe(observer: ApprovalObserver): void {
    this.observers.push(observer);
  }

  /** Stores the request and starts its run, which waits for the approval before it changes anything. */
  async open(
    plan: ChangePlan,
    requester: Actor,
    conversationId: string,
    startRun: StartRun,
    replaces?: ApprovalRecord,
  ): Promise<ApprovalRecord> {
    return this.openWithId(shortId('a'), plan, requester, conversationId, startRun, replaces);
  }

  /**
   * A request for a step of a run that is already going (rollout-advance): its id is fixed by the run and the step,
   * so a step performed again after a kill finds the request it opened before instead of opening a second one. The
   * approval card is posted again only when the first process died before any card was recorded.
   */
  async openOnce(
    id: string,
    plan: ChangePlan,
    requester: Actor,
    conversationId: string,
    startRun: StartRun,
  ): Promise<ApprovalRecord> {
    const existing = await this.get(id);
    if (existing) return this.noticed(existing);
    try {
      return await this.openWithId(id, plan, requester, conversationId, startRun);
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      const raced = await this.get(id);
      if (!raced) throw error;
      return raced;
    }
  }

  private noticed(record: ApprovalRecord): ApprovalRecord {
    if (record.cards.length === 0 && record.status === 'pending') this.notify(record);
    return record;
  }

  private async openWithId(
    id: string,
    plan: ChangePlan,
    requester: Actor,
    conversationId: string,
    startRun: StartRun,
    replaces?: ApprovalRecord,
  ): Promise<ApprovalRecord> {
    if (!requester.aadObjectId) {
      throw new UserFacingError(
        'Who are you?',
        'Your message did not carry an Azure AD identity, so I cannot take a change request from it.',
      );
    }
    const now = this.parts.clock.now();
    const run = await startRun({
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
        quorum: this.parts.settings.quorum,
        ttlMs: this.parts.settings.ttlMs,
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

  async addCard(id: string, conversationId: string, activityId: string): Promise<void> {
    await this.store.update(id, (current) =>
      current.cards.some((card) => card.activityId === activityId)
        ? { result: undefined }
        : { record: { ...current, cards: [...current.cards, { conversationId, activityId }] }, result: undefined },
    );
  }

  /** Marks a request whose plan no longer matches the tenant and asks again with the new plan, once. */
  async supersede(id: string, plan: ChangePlan, startRun: StartRun): Promise<ApprovalRecord | undefined> {
    const marked = await this.store.update(id, (current) =>
      current.supersededBy || current.status === 'superseded'
        ? { result: false }
        : { record: { ...current, status: 'superseded' as const, supersededBy: 'pending' }, result: true },
    );
    if (!marked?.result) return undefined;
    const old = marked.record;
    this.notify(old);
    const next = await this.open(plan, old.requestedBy, old.conversationId, startRun, old);
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

  /**
   * The run was cancelled: each request one of its steps still waits on (its first approval, a rollout's next ring)
   * is withdrawn, so nobody approves what will never run, and every copy of its card says why.
   */
  async withdrawForRun(run: RunRecord, actor: Actor, reason: string): Promise<void> {
    const at = this.parts.clock.now().toISOString();
    const waiting = run.steps.flatMap((step) =>
      step.state === 'waiting-for-approval' && step.approvalId !== undefined ? [step.approvalId] : [],
    );
    for (const id of waiting) {
      const updated = await this.audited.update(id, (current) =>
        current.status !== 'pending'
          ? { result: false }
          : {
              record: { ...current, status: 'cancelled' as const, decision: { by: { ...actor }, at, reason } },
              result: true,
              events: [{ actor, action: 'approval.cancelled', details: { runId: run.id, reason } }],
            },
      );
      if (updated?.result) this.notify(updated.record);
    }
  }

  async expireIfDue(record: ApprovalRecord | undefined): Promise<ApprovalRecord | undefined> {
    if (!record || record.status !== 'pending') return record;
    if (Date.parse(record.expiresAt) > this.parts.clock.now().getTime()) return record;
    const updated = await this.audited.update(record.id, (current) =>
      current.status !== 'pending'
        ? { result: false }
        : {
            record: { ...current, status: 'expired' as const },
            result: true,
            events: [{ actor: EXPIRY_ACTOR, action: 'approval.expired' }],
          },
    );
    if (updated?.result) {
      this.notify(updated.record);
    }
    return updated?.record ?? record;
  }

  notify(record: ApprovalRecord): void {
    for (const observer of this.observers) {
      try {
        observer.approvalChanged(record);
      } catch (error) {
        this.parts.log.warn({ err: error, approvalId: record.id }, 'approval observer failed');
      }
    }
  }
}
