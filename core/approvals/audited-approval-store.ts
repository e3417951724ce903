import { AuditOutbox, type AuditEvent } from '../audit/audit-outbox.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ApprovalRecord } from './approval-record.js';
import type { ApprovalStore } from './approval-store.js';

/** Staged audit entries this old were left by a process that died before appending them (a live one takes ms). */
export const LEFTOVER_AUDIT_AGE_MS = 60_000;

/** What a change to a request is, what it answers, and what it says in the audit log. */
export interface AuditedChange<R> {
  readonly record?: ApprovalRecord;
  readonly result: R;
  readonly events?: readonly AuditEvent[];
}

/**
 * Approval requests whose every change is stored with the audit entries that describe it, appended right after
 * (core/audit/audit-outbox.ts): a process killed between the two loses no decision from the audit log.
 */
export class AuditedApprovalStore {
  private readonly outbox: AuditOutbox<ApprovalRecord>;

  constructor(
    private readonly store: ApprovalStore,
    audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.outbox = new AuditOutbox<ApprovalRecord>(audit, async (record, keys) => {
      const cleared = await store.update(record.id, (current) => ({
        record: AuditOutbox.without(current, keys),
        result: undefined,
      }));
      return cleared?.record ?? record;
    });
  }

  async create(record: ApprovalRecord, events: readonly AuditEvent[]): Promise<ApprovalRecord> {
    const staged = this.stage(record, events);
    await this.store.create(staged);
    return this.outbox.flush(staged, AuditOutbox.stagedSince(record, staged));
  }

  /** The request, after appending what a killed process left staged. */
  async get(id: string): Promise<ApprovalRecord | undefined> {
    const record = await this.store.get(id);
    if (!record || !AuditOutbox.hasLeftovers(record, this.clock.now(), LEFTOVER_AUDIT_AGE_MS)) return record;
    return this.outbox.flush(record);
  }

  /**
   * Appends what killed processes left staged on any request, once it is LEFTOVER_AUDIT_AGE_MS old: for requests
   * nobody reads again (a decided request whose run has moved on). Returns how many requests had leftovers.
   */
  async appendLeftovers(): Promise<number> {
    const now = this.clock.now();
    const left = (await this.store.list()).filter((record) =>
      AuditOutbox.hasLeftovers(record, now, LEFTOVER_AUDIT_AGE_MS),
    );
    for (const record of left) await this.outbox.flush(record);
    return left.length;
  }

  async update<R>(
    id: string,
    change: (current: ApprovalRecord) => AuditedChange<R>,
  ): Promise<{ record: ApprovalRecord; result: R } | undefined> {
    let justStaged = new Set<string>();
    const updated = await this.store.update<R>(id, (current) => {
      const next = change(current);
      if (!next.record) return { result: next.result };
      const staged = this.stage(next.record, next.events ?? []);
      justStaged = AuditOutbox.stagedSince(current, staged);
      return { record: staged, result: next.result };
    });
    if (!updated || justStaged.size === 0) return updated;
    return { record: await this.outbox.flush(updated.record, justStaged), result: updated.result };
  }

  private stage(record: ApprovalRecord, events: readonly AuditEvent[]): ApprovalRecord {
    return AuditOutbox.stage(record, events, { runId: record.runId }, this.clock.now());
  }
}
