import type { Actor } from '../actor.js';
import { type RunOwnership, singleProcessOwnership } from '../leases/run-ownership.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { noRunTracing, type RunTracing } from '../ports/run-tracing.js';
import type { Storage } from '../ports/storage.js';
import { createKeyedLock } from '../storage/keyed-lock.js';
import { UserFacingError } from '../user-facing-error.js';
import { appendRunAudit } from './append-run-audit.js';
import { BackgroundTasks } from './background-tasks.js';
import type { RunObserver } from './run-request.js';
import { RunAuditOutbox, type RunAuditEvent } from './run-audit-outbox.js';
import type { RunRecord } from './run-record.js';
import { needsWorker, RunStore } from './run-store.js';

/** What every part of a run's life (steps, waits, person actions, the engine) borrows: one narrow interface. */
export interface RunKernel {
  readonly clock: Clock;
  readonly log: Logger;
  readonly audit: AuditLog;
  /** Run and step spans, runs and waits counted (none unless telemetry is on). */
  readonly tracing: RunTracing;
  /** True once the engine stops: no new transition starts. */
  readonly stopping: boolean;
  load(runId: string): Promise<RunRecord | undefined>;
  /** The run, or a user-facing "No such run" that says how to find one. */
  require(runId: string): Promise<RunRecord>;
  /** Stores a transition with the audit entries that describe it, then appends them (see RunAuditOutbox). */
  write(runId: string, change: (run: RunRecord) => RunRecord, events?: readonly RunAuditEvent[]): Promise<RunRecord>;
  /** A transition that makes an ended run need a worker again (a retry): it is indexed as live first. */
  reopen(runId: string, change: (run: RunRecord) => RunRecord, events: readonly RunAuditEvent[]): Promise<RunRecord>;
  /** An audit entry about the run appended at once (not tied to a stored transition). */
  appendAudit(actor: Actor, action: string, run: RunRecord, details: Record<string, unknown>): Promise<void>;
  /** Runs `work` holding the run's lock, so no other transition of the run interleaves. */
  exclusive<T>(runId: string, work: () => Promise<T>): Promise<T>;
  /** False once another instance may own the run (leases): this one stops working on it. */
  stillOwns(runId: string): boolean;
  /** Sleeps `ms` on the run clock, or less when the engine stops; false when it stopped. */
  pause(ms: number): Promise<boolean>;
  /** Work that outlives the request that started it: tracked so shutdown and tests can wait. */
  background(name: string, work: () => Promise<void>): void;
}

export interface RunKernelParts {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly ownership?: RunOwnership;
  /** Telemetry's side of runs (core/ports/run-tracing.ts); none by default. */
  readonly tracing?: RunTracing;
}

/** The one owner of a run's lifecycle: store and audit outbox, ownership, per-run lock, stop signal, clock. */
export class DurableRunKernel implements RunKernel {
  readonly store: RunStore;
  readonly ownership: RunOwnership;
  readonly clock: Clock;
  readonly log: Logger;
  readonly audit: AuditLog;
  readonly tracing: RunTracing;
  private readonly outbox: RunAuditOutbox;
  private readonly lock = createKeyedLock();
  private readonly tasks: BackgroundTasks;
  private readonly observers: RunObserver[] = [];
  private stopped = false;
  private signalStop: () => void = () => undefined;
  private readonly stopSignal = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(parts: RunKernelParts) {
    this.store = new RunStore(parts.storage);
    this.outbox = new RunAuditOutbox(parts.audit, this.store);
    this.ownership = parts.ownership ?? singleProcessOwnership;
    this.clock = parts.clock;
    this.log = parts.log;
    this.audit = parts.audit;
    this.tracing = parts.tracing ?? noRunTracing;
    this.tasks = new BackgroundTasks(parts.log);
  }

  get stopping(): boolean {
    return this.stopped;
  }

  observe(observer: RunObserver): void {
    this.observers.push(observer);
  }

  async load(runId: string): Promise<RunRecord | undefined> {
    return (await this.store.load(runId))?.run;
  }

  async require(runId: string): Promise<RunRecord> {
    const run = await this.load(runId);
    if (run) return run;
    const archived = await this.store.archive.archived(runId);
    if (archived)
      throw new UserFacingError(
        'Run archived',
        `Run ${runId} (${archived.title}) ended ${archived.status} on ${archived.endedAt.slice(0, 10)} and was archived on ${archived.archivedAt.slice(0, 10)}, after the retention period (RUN_RETENTION). Its audit entries stay.`,
        'Type audit to read what it did.',
      );
    throw new UserFacingError('No such run', `There is no run ${runId}.`, 'Type runs to see recent runs.');
  }

  /** Creates the run with its first audit entries staged, then appends them. */
  async create(run: RunRecord, events: readonly RunAuditEvent[]): Promise<RunRecord> {
    await this.store.markLive(run.id, this.clock.now());
    const staged = RunAuditOutbox.stage(run, events, this.clock.now());
    await this.store.create(staged);
    await this.outbox.flush(staged, RunAuditOutbox.stagedSince(run, staged));
    this.notify(run);
    return run;
  }

  async write(
    runId: string,
    change: (run: RunRecord) => RunRecord,
    events: readonly RunAuditEvent[] = [],
  ): Promise<RunRecord> {
    const updatedAt = this.clock.now().toISOString();
    let justStaged = new Set<string>();
    let wasLive = true;
    const run = await this.store.update(runId, (current) => {
      wasLive = needsWorker(current);
      const staged = RunAuditOutbox.stage({ ...change(current), updatedAt }, events, this.clock.now());
      justStaged = RunAuditOutbox.stagedSince(current, staged);
      return staged;
    });
    this.notify(run);
    const written = events.length > 0 ? await this.outbox.flush(run, justStaged) : run;
    if (wasLive && !needsWorker(written)) {
      await this.store.archive.markFinished(written);
      await this.store.unmarkIfFinished(runId, this.clock.now());
    }
    return written;
  }

  /** A run that needs a worker again (a retry): indexed before and after the write that reopens it. */
  async reopen(
    runId: string,
    change: (run: RunRecord) => RunRecord,
    events: readonly RunAuditEvent[],
  ): Promise<RunRecord> {
    await this.store.markLive(runId, this.clock.now());
    const reopened = await this.write(runId, change, events);
    await this.store.markLive(runId, this.clock.now());
    return reopened;
  }

  /** The runs that need a worker, read through the live index (run-store.ts): what is live, never what is history. */
  liveRuns(): Promise<RunRecord[]> {
    return this.store.liveRuns(this.clock.now());
  }

  appendAudit(actor: Actor, action: string, run: RunRecord, details: Record<string, unknown>): Promise<void> {
    return appendRunAudit(this.audit, actor, action, run, details);
  }

  /** Entries a killed process staged but may not have appended. */
  async appendLeftoverAudit(runId: string): Promise<void> {
    const run = await this.load(runId);
    if (!run || !RunAuditOutbox.hasStaged(run)) return;
    const flushed = await this.outbox.flush(run);
    if (!needsWorker(flushed)) await this.store.unmarkIfFinished(runId, this.clock.now());
  }

  exclusive<T>(runId: string, work: () => Promise<T>): Promise<T> {
    return this.lock.run(runId, work);
  }

  stillOwns(runId: string): boolean {
    return this.ownership.stillOwns(runId);
  }

  async pause(ms: number): Promise<boolean> {
    if (ms > 0) await Promise.race([this.clock.sleep(ms), this.stopSignal]);
    return !this.stopped;
  }

  background(name: string, work: () => Promise<void>): void {
    this.tasks.start(name, work);
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    await this.tasks.idle();
  }

  private notify(run: RunRecord): void {
    for (const observer of this.observers) {
      try {
        observer.runChanged(run);
      } catch (error) {
        this.log.warn({ err: error, runId: run.id }, 'run observer failed');
      }
    }
  }
}
