import type { AuditEntry } from '../ports/audit-log.js';

/** What an entry was about, in words: the change's title and the policies and collections it touched. */
export interface AuditSubject {
  readonly title: string;
  /** For an entry about one step of a run: that step's title. */
  readonly step?: string;
  readonly policies: readonly string[];
  readonly collections: readonly string[];
}

/** Looks up what each entry was about (core/activity reads the runs and approvals an entry points at). */
export interface AuditSubjects {
  of(entry: AuditEntry): Promise<AuditSubject | undefined>;
}
