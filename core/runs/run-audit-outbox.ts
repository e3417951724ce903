import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { RunRecord, StagedAuditEntry } from './run-record.js';
import type { RunStore } from './run-store.js';

const KEY_SEARCH_PAGE = 100;

/** What a transition of a run says in the audit log. */
export interface RunAuditEvent {
  readonly actor: Actor;
  readonly action: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Audit entries travel with the run transition they describe: staged in the same write as the transition, appended to
 * the log after it, then cleared. A process killed between the two leaves them staged, and whoever works on the run next
 * appends them, skipping any the log already holds (its key is the entry's correlationId). So every stored transition
 * is audited exactly once, whatever millisecond the process dies at.
 */
export class RunAuditOutbox {
  constructor(
    private readonly log: AuditLog,
    private readonly store: RunStore,
  ) {}

  /** The run with the events staged; write it in the same store update as the transition. */
  static stage(run: RunRecord, events: readonly RunAuditEvent[]): RunRecord {
    if (events.length === 0) return run;
    let seq = run.auditSeq ?? 0;
    const staged = events.map((event): StagedAuditEntry => ({
      key: `${run.id}#${++seq}`,
      actor: { ...event.actor },
      action: event.action,
      details: { runKind: run.kind, ...event.details },
    }));
    return { ...run, auditSeq: seq, auditOutbox: [...(run.auditOutbox ?? []), ...staged] };
  }

  /** The keys `stage` gave the entries it added to `staged` (those `before` did not have). */
  static stagedSince(before: RunRecord | undefined, staged: RunRecord): Set<string> {
    const earlier = new Set((before?.auditOutbox ?? []).map((entry) => entry.key));
    return new Set((staged.auditOutbox ?? []).map((entry) => entry.key).filter((key) => !earlier.has(key)));
  }

  static hasStaged(run: RunRecord): boolean {
    return (run.auditOutbox?.length ?? 0) > 0;
  }

  /**
   * Appends what the run has staged and clears it. Entries staged by the write just made (`justStaged`) go straight to
   * the log; any older ones were left by a process that may have died after appending them, so the log is read first and
   * those already in it are skipped.
   */
  async flush(run: RunRecord, justStaged: ReadonlySet<string> = new Set()): Promise<RunRecord> {
    const staged = run.auditOutbox ?? [];
    if (staged.length === 0) return run;
    const leftover = new Set(staged.map((entry) => entry.key).filter((key) => !justStaged.has(key)));
    const inLog = leftover.size > 0 ? await this.keysInLog(leftover, run.createdAt) : new Set<string>();
    for (const entry of staged) {
      if (inLog.has(entry.key)) continue;
      await this.log.append({
        actor: entry.actor,
        action: entry.action,
        target: run.id,
        conversationId: run.conversationId,
        correlationId: entry.key,
        details: entry.details,
      });
    }
    const appended = new Set(staged.map((entry) => entry.key));
    return this.store.update(run.id, (current) => {
      const left = (current.auditOutbox ?? []).filter((entry) => !appended.has(entry.key));
      const { auditOutbox: _cleared, ...rest } = current;
      return left.length > 0 ? { ...rest, auditOutbox: left } : rest;
    });
  }

  /**
   * Which of the keys the log holds, reading newest first: entries staged by a run were appended after the run's last
   * good write, so the search stops once every key is found or the log is older than the run.
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
