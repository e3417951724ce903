import type { Actor } from '../actor.js';

export interface AuditEntryInput {
  readonly actor: Actor;
  readonly action: string;
  readonly target?: string;
  readonly conversationId?: string;
  readonly correlationId?: string;
  readonly details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** An entry and where it sits in the log: `cursor` is opaque, handed back as `before` to read on from there. */
export interface AuditEntryAt {
  readonly entry: AuditEntry;
  readonly cursor: string;
}

export interface AuditReadBackward {
  /** A cursor from an earlier read: only entries older than that one. The newest entries when absent. */
  readonly before?: string;
  readonly limit: number;
}

/** One stored record as it is, for verification: an entry, or why the record at `where` is not one. */
export type StoredAuditRecord =
  { readonly where: string; readonly entry: AuditEntry } | { readonly where: string; readonly unreadable: string };

/** The last entry an instance wrote or saw: a log that ends before it has lost its tail. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** Append-only; every entry carries the hash of the one before it. */
export interface AuditLog {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  read(): Promise<AuditEntry[]>;
  /**
   * Newest first, at most `limit` entries older than `before`; fewer means the start of the log was reached. Reads only
   * what it returns (and the cursor's own record), not the whole log.
   */
  readNewestFirst(request: AuditReadBackward): Promise<AuditEntryAt[]>;
  /** Every stored record in stored order, unjudged: what `audit verify` checks. */
  records(): AsyncIterable<StoredAuditRecord>;
  /** The last entry this instance appended or read as the end of the log; undefined before it has seen any. */
  knownHead(): AuditHead | undefined;
}
