import type { AuditEntry } from '../ports/audit-log.js';

/** What an entry was about, in words: the change's title and the policies and collections it touched. */
export interface AuditSubject {
  readonly title: string;
  /** For an entry about one step of a run: that step's title. */
  readonly step?: string;
  readonly policies: readonly string[];
  readonly collections: readonly string[];
  /** Who asked for the change (a run's requester), when known. */
  readonly requestedBy?: string;
  /** Who approved it, when it went through an approval: the bot's own actions on it are credited to them. */
  readonly approvedBy?: readonly string[];
}

/** Looks up what each entry was about (core/activity reads the runs and approvals an entry points at). */
export interface AuditSubjects {
  of(entry: AuditEntry): Promise<AuditSubject | undefined>;
}
