import { AuditOutbox, type AuditEvent } from '../audit/audit-outbox.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { RunRecord } from './run-record.js';
import type { RunStore } from './run-store.js';

/** What a transition of a run says in the audit log. */
export type RunAuditEvent = AuditEvent;

/** A run's audit entries staged in the same write as the transition they describe (core/audit/audit-outbox.ts). */
export class RunAuditOutbox {
  private readonly outbox: AuditOutbox<RunRecord>;

  constructor(log: AuditLog, store: RunStore) {
    this.outbox = new AuditOutbox<RunRecord>(log, (run, keys) =>
      store.update(run.id, (current) => AuditOutbox.without(current, keys)),
    );
  }

  /** The run with the events staged; write it in the same store update as the transition. */
  static stage(run: RunRecord, events: readonly RunAuditEvent[], now: Date): RunRecord {
    return AuditOutbox.stage(run, events, { runKind: run.kind }, now);
  }

  static stagedSince(before: RunRecord | undefined, after: RunRecord): Set<string> {
    return AuditOutbox.stagedSince(before, after);
  }

  static hasStaged(run: RunRecord): boolean {
    return AuditOutbox.hasStaged(run);
  }

  /** Appends what the run has staged (searching the log for entries not `justStaged`) and clears it. */
  flush(run: RunRecord, justStaged?: ReadonlySet<string>): Promise<RunRecord> {
    return this.outbox.flush(run, justStaged);
  }
}
