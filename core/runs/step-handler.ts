import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { TenantWrite } from '../ports/tenant-write.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import type { RunRecord, StepProblem, StepRecord } from './run-record.js';
import type { RunRequest } from './run-request.js';
import type { WaitStart } from './wait-start.js';

export interface StepContext {
  readonly run: RunRecord;
  /** Who moved the run this time: the requester, an approver, or the person who pressed Verify. */
  readonly actor: Actor;
  readonly clock: Clock;
  readonly log: Logger;
  readonly audit: AuditLog;
  /**
   * Hand this to the port with every tenant write: its ref marks what the write creates, and each attempt is recorded
   * before it is sent, so a lost answer is resolved by reading the tenant, never by a blind repeat.
   */
  readonly write: TenantWrite;
  /** Starts a follow-up run (e.g. a re-planned request asks for approval again). */
  startRun(request: RunRequest): Promise<RunRecord>;
}

export type StepOutcome =
  /** `events`: audit entries of the step's own domain, stored with the transition (beside `step.done`). */
  | {
      readonly kind: 'done';
      readonly message: string;
      readonly outcome?: unknown;
      readonly events?: readonly RunAuditEvent[];
    }
  | { readonly kind: 'skipped'; readonly message: string }
  | { readonly kind: 'waiting-for-admin'; readonly message: string; readonly guidance: unknown }
  | { readonly kind: 'waiting-for-approval'; readonly message: string; readonly approvalId: string }
  /** The step waits on a registered wait kind (wait-kind.ts) that checks something outside with backoff. */
  | { readonly kind: 'wait'; readonly wait: string; readonly start: WaitStart<unknown> }
  | { readonly kind: 'failed'; readonly problem: StepProblem };

export type WorldCheck =
  | {
      readonly done: false;
      /** What this look read and found, e.g. "the Cloud Sync tab of PS100042 has the option ticked". */
      readonly seen?: string;
      /** What it has not seen yet, e.g. "Intune listing PS100042 among the synced collections". */
      readonly awaiting?: string;
    }
  | {
      readonly done: true;
      readonly message: string;
      readonly outcome?: unknown;
      /** As a done outcome's: stored with the step's transition when this check ends the step. */
      readonly events?: readonly RunAuditEvent[];
    };

/**
 * One kind of step. `check` reads the world and never changes it; `perform` makes the change (or asks a person to)
 * and is only called after `check` said it is not there yet, so a retried or resumed step never does anything twice.
 */
export interface StepHandler {
  readonly kind: string;
  /** Whether performing this step changes the tenant (such transitions are audited). */
  readonly changesTenant: boolean;
  check(step: StepRecord, context: StepContext): Promise<WorldCheck>;
  perform(step: StepRecord, context: StepContext): Promise<StepOutcome>;
}

/** Declares a step kind (CONTRIBUTING.md, "Add a step kind"); register it in bot/wiring/step-handlers.ts. */
export function defineStepKind(handler: StepHandler): StepHandler {
  return handler;
}
