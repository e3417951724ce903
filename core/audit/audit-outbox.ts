import { z } from 'zod';
import { actorSchema } from '../actor-schema.js';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';

/** An audit entry written into a stored record together with the change it describes, not yet in the audit log. */
export const stagedAuditEntrySchema = z.object({
  key: z.string(),
  actor: actorSchema,
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  stagedAt: z.string().optional(),
});
export type StagedAuditEntry = z.infer<typeof stagedAuditEntrySchema>;

/** The fields a record carries to stage its own audit entries (see AuditOutbox). */
export const auditOutboxFields = {
  auditOutbox: z.array(stagedAuditEntrySchema).optional(),
  /** How many entries the record has staged so far: numbers each entry's key. */
  auditSeq: z.number().int().nonnegative().optional(),
};

export interface AuditedRecord {
  readonly id: string;
  readonly conversationId: string;
  readonly createdAt: string;
  readonly auditOutbox?: readonly StagedAuditEntry[] | undefined;
  readonly auditSeq?: number | undefined;
}

/** What a change to a record says in the audit log. */
export interface AuditEvent {
  readonly actor: Actor;
  readonly action: string;
  readonly details?: Record<string, unknown>;
}

const KEY_SEARCH_PAGE = 100;

/**
 * Audit entries travel with the change they describe: staged in the same store write as the change, appended to the
 * log after it, then cleared. A process killed between the two leaves them staged, and whoever reads the record next
 * appends them, skipping any the log already holds (an entry's key is its correlationId). So every stored change is
 * audited exactly once, whatever millisecond the process dies at.
 */
export class AuditOutbox<T extends AuditedRecord> {
  constructor(
    private readonly log: AuditLog,
    /** Removes the given staged entries from the stored record and returns it. */
    private readonly clear: (record: T, keys: ReadonlySet<string>) => Promise<T>,
  ) {}

  /** The record with the events staged (details start with `base`); store it in the same write as the change. */
  static stage<R extends AuditedRecord>(
    record: R,
    events: readonly AuditEvent[],
    base: Record<string, unknown>,
    now: Date,
  ): R {
    if (events.length === 0) return record;
    let seq = record.auditSeq ?? 0;
    const staged = events.map((event): StagedAuditEntry => ({
      key: `${record.id}#${++seq}`,
      actor: { ...event.actor },
      action: event.action,
      details: { ...base, ...event.details },
      stagedAt: now.toISOString(),
    }));
    return { ...record, auditSeq: seq, auditOutbox: [...(record.auditOutbox ?? []), ...staged] };
  }

  /** The keys `stage` gave the entries `after` has and `before` had not. */
  static stagedSince(before: AuditedRecord | undefined, after: AuditedRecord): Set<string> {
    const earlier = new Set((before?.auditOutbox ?? []).map((entry) => entry.key));
    return new Set((after.auditOutbox ?? []).map((entry) => entry.key).filter((key) => !earlier.has(key)));
  }

  static hasStaged(record: AuditedRecord): boolean {
    return (record.auditOutbox?.length ?? 0) > 0;
  }

  /** Staged entries older than `ageMs`: a live process appends its own within milliseconds, so these were left. */
  static hasLeftovers(record: AuditedRecord, now: Date, ageMs: number): boolean {
    return (record.auditOutbox ?? []).some(
      (entry) => entry.stagedAt === undefined || now.getTime() - Date.parse(entry.stagedAt) >= ageMs,
    );
  }

  /**
   * Appends what the record has staged and clears it. Entries staged by the write just made (`justStaged`) go straight
   * to the log; older ones were left by a process that may have died after appending them, so the log is searched
   * first and those already in it are skipped.
   */
  async flush(record: T, justStaged: ReadonlySet<string> = new Set()): Promise<T> {
    const staged = record.auditOutbox ?? [];
    if (staged.length === 0) return record;
    const leftover = new Set(staged.map((entry) => entry.key).filter((key) => !justStaged.has(key)));
    const inLog = leftover.size > 0 ? await this.keysInLog(leftover, record.createdAt) : new Set<string>();
    for (const entry of staged) {
      if (inLog.has(entry.key)) continue;
      await this.log.append({
        actor: entry.actor,
        action: entry.action,
        target: record.id,
        conversationId: record.conversationId,
        correlationId: entry.key,
        details: entry.details,
      });
    }
    return this.clear(record, new Set(staged.map((entry) => entry.key)));
  }

  /** The outbox without the given entries; the field is dropped when nothing is left. */
  static without<R extends AuditedRecord>(record: R, keys: ReadonlySet<string>): R {
    const left = (record.auditOutbox ?? []).filter((entry) => !keys.has(entry.key));
    const { auditOutbox: _cleared, ...rest } = record;
    return (left.length > 0 ? { ...rest, auditOutbox: left } : rest) as R;
  }

  /**
   * Which of the keys the log holds, newest first: staged entries were appended after the record was created, so the
   * search stops once every key is found or the log is older than the record.
   */
  private async keysInLog(keys: ReadonlySet<string>, since: string): Promise<Set<string>> {
    const found = new Set<string>();
    let before: string | undefined;
    for (;;) {
      const page = await this.log.readNewestFirst({
        limit: KEY_SEARCH_PAGE,
        ...(before === undefined ? {} : { before }),
      });
      for (const { entry } of page) {
        if (entry.correlationId !== undefined && keys.has(entry.correlationId)) found.add(entry.correlationId);
      }
      const oldest = page.at(-1);
      if (found.size === keys.size || page.length < KEY_SEARCH_PAGE || !oldest || oldest.entry.at < since) return found;
      before = oldest.cursor;
    }
  }
}
