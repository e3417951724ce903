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

/** Append-only; every entry carries the hash of the one before it. */
export interface AuditLog {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  read(): Promise<AuditEntry[]>;
}
