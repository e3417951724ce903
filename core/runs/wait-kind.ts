import type { z } from 'zod';
import type { Actor } from '../actor.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import type { RunKernel } from './run-kernel.js';
import type { RunRecord, StepProblem, StepRecord } from './run-record.js';
import type { StepOutcome, WorldCheck } from './step-handler.js';
import type { WaitRecord } from './wait-record.js';
import type { WaitStart } from './wait-start.js';

/** What one look at the outside world concluded. `state` (when given) replaces the wait's stored state. */
export type WaitVerdict<S> =
  /** Not yet: look again after the kind's next delay. `note` is what the card says meanwhile. */
  | { readonly kind: 'pending'; readonly state?: S; readonly note?: string; readonly expiresAt?: string }
  /** The step is done; the run moves on. */
  | {
      readonly kind: 'done';
      readonly message: string;
      readonly outcome?: unknown;
      readonly state?: S;
      readonly events?: readonly RunAuditEvent[];
    }
  /** The step failed; the run ends failed (a person may Retry). */
  | {
      readonly kind: 'failed';
      readonly problem: StepProblem;
      readonly state?: S;
      readonly events?: readonly RunAuditEvent[];
    }
  /** The wait hands the step back to a person (who can start it again). */
  | { readonly kind: 'gave-up'; readonly note: string; readonly events?: readonly RunAuditEvent[] };

export interface EarlierStep {
  check(): Promise<WorldCheck>;
  perform(): Promise<StepOutcome>;
}

/** What the wait loop lends one look: the run and step as stored, the kind's parsed state, and the step's world. */
export interface WaitLook<S> {
  readonly kernel: RunKernel;
  readonly run: RunRecord;
  readonly step: StepRecord;
  readonly wait: WaitRecord;
  readonly state: S;
  readonly actor: Actor;
  /** The step's own read of the tenant (its handler's `check`): never changes anything. */
  worldCheck(): Promise<WorldCheck>;
  /**
   * An earlier step of the same run, looked at again through its own kind: `check` reads whether what it stood for
   * still holds (the plan re-check: the tenant still matches the approved plan), `perform` acts on it when it does not.
   * Undefined when the run has no such step.
   */
  earlierStep(kind: string): EarlierStep | undefined;
  /** Stores a new state before something irreversible (e.g. before a resend), with the entries that describe it. */
  save(state: S, note: string, events?: readonly RunAuditEvent[]): Promise<void>;
}

/**
 * One kind of wait: "keep checking a condition with backoff until it holds, a person gives up, or it expires".
 * Registered with the run engine; the generic loop (wait-loop.ts) does the scheduling, the lock, the lease, restarts,
 * takeovers and Refresh now. A step starts a wait by returning `{ kind: 'wait' }` from `perform`, a person starts one
 * (Verify), or a kind claims an error a step's write threw (`startsFrom`).
 */
export interface WaitKind<S = unknown> {
  readonly kind: string;
  /** The kind's own state, stored on the step and parsed on every read. */
  readonly state: z.ZodType<S>;
  /** How long after `checks` looks the next one is due. */
  nextDelayMs(checks: number): number;
  /** Looks once, under the run's lock. A throw is a failed look: noted on the card, looked at again later. */
  check(look: WaitLook<S>): Promise<WaitVerdict<S>>;
  /** `expiresAt` passed and the last look said pending. */
  expired(look: WaitLook<S>): WaitVerdict<S>;
  /** An error a step's write threw that this kind waits out (e.g. Intune holds the write). */
  startsFrom?(error: unknown, step: StepRecord, now: Date): WaitStart<S> | undefined;
  /** The run is cancelled while the wait is active: undo what the wait holds outside (best effort). */
  withdraw?(look: Omit<WaitLook<S>, 'worldCheck' | 'save' | 'earlierStep'>): Promise<void>;
}

/** Declares a wait kind (CONTRIBUTING.md, "Add a wait kind"); register it with the run engine's `waits`. */
export function defineWaitKind<S>(kind: WaitKind<S>): WaitKind<S> {
  return kind;
}
