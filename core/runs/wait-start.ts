import type { RunAuditEvent } from './run-audit-outbox.js';

/** How a wait starts: its first state, what the card says, and the audit entries of the start. */
export interface WaitStart<S> {
  readonly state: S;
  readonly message: string;
  readonly startedBy?: string;
  readonly expiresAt?: string;
  readonly events?: readonly RunAuditEvent[];
}
