import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { RunRecord } from './run-record.js';

/** What the run engine lends to a step that waits on something outside (a console change, an Intune approval). */
export interface RunWaitHost {
  readonly clock: Clock;
  /** Resolves when the engine stops: a wait races its sleeps against it. */
  readonly stopSignal: Promise<void>;
  isStopping(): boolean;
  /** False once another instance may own the run (leases): this one stops waiting on it. */
  stillOwns(runId: string): boolean;
  load(runId: string): Promise<RunRecord | undefined>;
  /** Runs `work` holding the run's lock, so no other transition of the run interleaves. */
  exclusive<T>(runId: string, work: () => Promise<T>): Promise<T>;
  advance(runId: string, actor: Actor): Promise<void>;
}
