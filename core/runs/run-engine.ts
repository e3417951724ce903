import type { Actor } from '../actor.js';
import { DEFAULT_INTUNE_WAIT_POLICY } from '../maa/intune-gate.js';
import { IntuneWaits } from '../maa/intune-wait.js';
import { shortId } from '../short-id.js';
import { UserFacingError } from '../user-facing-error.js';
import { type RunOwnership, singleProcessOwnership } from '../leases/run-ownership.js';
import { BackgroundTasks } from './background-tasks.js';
import { KeyedMutex } from './keyed-mutex.js';
import { ResourceBusyError, ResourceLocks } from './resource-locks.js';
import { currentStep, isTerminal, type RunRecord, type StepRecord, waitsForPerson } from './run-record.js';
import { advanceRun, type AdvanceHost } from './advance-run.js';
import { appendRunAudit } from './append-run-audit.js';
import { cancelRun, type PersonActionHost, reopenFailedStep, startVerification } from './person-actions.js';
import type { RunEngineOptions, RunObserver, RunRequest } from './run-request.js';
import { RunStore } from './run-store.js';
import { busyError } from './run-transitions.js';
import type { StepContext, StepHandler } from './step-handler.js';
import { PendingWrites } from './pending-writes.js';
import { RunAuditOutbox, type RunAuditEvent } from './run-audit-outbox.js';
import { DEFAULT_VERIFY_POLICY } from './verify-policy.js';
import { ConsoleVerification } from './console-verification.js';
import { executeStep, type StepExecutionHost } from './step-execution.js';
import type { RunWaitHost } from './run-wait-host.js';
import { newRunRecord } from './new-run-record.js';

export type { RunEngineOptions, RunObserver, RunRequest } from './run-request.js';

export const SYSTEM_ACTOR: Actor = { channelUserId: 'attachops', name: 'AttachOps' };

const DEFAULT_WRITE_SETTLE_MS = 60_000;

/** Durable runs of idempotent steps: persisted after every transition, resumed after a restart. */
export class RunEngine {
  readonly store: RunStore;
  private readonly locks: ResourceLocks;
  private readonly mutex = new KeyedMutex();
  private readonly tasks: BackgroundTasks;
  private readonly observers: RunObserver[] = [];
  private readonly handlers: Map<string, StepHandler>;
  private readonly ownership: RunOwnership;
  private readonly pendingWrites: PendingWrites;
  private readonly intune: IntuneWaits;
  private readonly outbox: RunAuditOutbox;
  private readonly verification: ConsoleVerification;
  private readonly stepHost: StepExecutionHost;
  private readonly advanceHost: AdvanceHost;
  private readonly personHost: PersonActionHost;
  private justify: (run: RunRecord) => Promise<string | undefined> = () => Promise.resolve(undefined);
  private stopping = false;
  private signalStop: () => void = () => undefined;
  private readonly stopSignal = new Promise<void>((resolve) => {
    this.signalStop = resolve;
  });

  constructor(private readonly options: RunEngineOptions) {
    this.store = new RunStore(options.storage);
    this.outbox = new RunAuditOutbox(options.audit, this.store);
    this.locks = new ResourceLocks(options.storage, async (runId) => {
      const loaded = await this.store.load(runId);
      return loaded !== undefined && !isTerminal(loaded.run.status);
    });
    this.tasks = new BackgroundTasks(options.log);
    this.handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
    this.ownership = options.ownership ?? singleProcessOwnership;
    this.pendingWrites = new PendingWrites({
      clock: options.clock,
      settleMs: options.writeSettleMs ?? DEFAULT_WRITE_SETTLE_MS,
      stopSignal: this.stopSignal,
      isStopping: () => this.stopping,
      write: (runId, change) => this.write(runId, change),
      audit: (actor, action, run, details) => appendRunAudit(options.audit, actor, action, run, details),
    });
    const waitHost: RunWaitHost = {
      clock: options.clock,
      stopSignal: this.stopSignal,
      isStopping: () => this.stopping,
      stillOwns: (runId) => this.ownership.stillOwns(runId),
      load: (runId) => this.get(runId),
      exclusive: (runId, work) => this.mutex.run(runId, work),
      advance: (runId, actor) => this.advance(runId, actor),
    };
    this.verification = new ConsoleVerification({
      ...waitHost,
      policy: options.verifyPolicy ?? DEFAULT_VERIFY_POLICY,
      write: (runId, change, events) => this.write(runId, change, events),
      handler: (kind) => this.handler(kind),
      stepContext: (run, actor, step) => this.stepContext(run, actor, step),
    });
    this.stepHost = {
      clock: options.clock,
      pendingWrites: this.pendingWrites,
      stillOwns: (runId) => this.ownership.stillOwns(runId),
      handler: (kind) => this.handler(kind),
      write: (runId, change, events) => this.write(runId, change, events),
      justify: (run) => this.justify(run),
      stepContext: (run, actor, step, justification) => this.stepContext(run, actor, step, justification),
      holdForIntune: (runId, stepId, held, actor) => this.intune.hold(runId, stepId, held, actor),
    };
    this.advanceHost = {
      isStopping: () => this.stopping,
      stillOwns: (runId) => this.ownership.stillOwns(runId),
      load: (runId) => this.get(runId),
      markWaiting: async (runId) => {
        await this.write(runId, (current) => ({ ...current, status: 'waiting' }));
      },
      finish: (run, status, actor) => this.finish(run, status, actor),
      executeStep: (run, step, actor) => executeStep(this.stepHost, run, step, actor),
    };
    this.personHost = {
      clock: options.clock,
      requireRun: (runId) => this.requireRun(runId),
      write: (runId, change, events) => this.write(runId, change, events),
      acquireLocks: (resources, runId) => this.acquireLocks(resources, runId),
      finish: (run, status, actor) => this.finish(run, status, actor),
      withdrawIntune: (run, actor) => this.intune.withdraw(run, actor),
    };
    this.intune = new IntuneWaits({
      ...waitHost,
      log: options.log.child({ component: 'intune-maa' }),
      approvals: options.intuneApprovals,
      policy: options.intuneWaitPolicy ?? DEFAULT_INTUNE_WAIT_POLICY,
      tasks: this.tasks,
      write: (runId, change) => this.write(runId, change),
      worldCheck: (run, step) => this.handler(step.kind).check(step, this.stepContext(run, SYSTEM_ACTOR, step)),
      audit: (actor, action, run, details) => appendRunAudit(options.audit, actor, action, run, details),
      advance: (runId, actor) => Promise.resolve(this.claim(runId, actor)),
    });
  }

  /** The justification every tenant write of a run carries (built from the approved request; see core/maa). */
  justifyTenantWritesWith(justify: (run: RunRecord) => Promise<string | undefined>): void {
    this.justify = justify;
  }

  /** For handlers that need services built after the engine (the approval step needs the approval service). */
  addHandlers(handlers: readonly StepHandler[]): void {
    for (const handler of handlers) this.handlers.set(handler.kind, handler);
  }

  observe(observer: RunObserver): void {
    this.observers.push(observer);
  }

  /** Creates the run and starts it in the background; refuses when another live run holds one of its resources. */
  async start(request: RunRequest): Promise<RunRecord> {
    for (const step of request.steps) this.handler(step.kind);
    const run = newRunRecord(request, this.options.newRunId?.() ?? shortId('r'), this.options.clock.now());
    await this.acquireLocks(run.resources, run.id, request.replacesRun);
    const staged = RunAuditOutbox.stage(
      run,
      [{ actor: request.requestedBy, action: 'run.started', details: { steps: run.steps.map((step) => step.kind) } }],
      this.options.clock.now(),
    );
    await this.store.create(staged);
    await this.outbox.flush(staged, RunAuditOutbox.stagedSince(run, staged));
    this.notify(run);
    this.claim(run.id, request.requestedBy);
    return run;
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    return (await this.store.load(runId))?.run;
  }

  list(): Promise<RunRecord[]> {
    return this.store.list();
  }

  /** Moves the run as far as it can go without a person: until it ends or a step waits (advance-run.ts). */
  advance(runId: string, actor: Actor): Promise<void> {
    return this.mutex.run(runId, async () => {
      await this.appendLeftoverAudit(runId);
      await advanceRun(this.advanceHost, runId, actor);
    });
  }

  /** Advances without waiting for it; tracked so shutdown and tests can wait. */
  advanceInBackground(runId: string, actor: Actor): void {
    this.claim(runId, actor);
  }

  /**
   * Resumes every run that was in flight when the bot stopped (or, with leases, whose owner died), and every ended run
   * whose last audit entries a kill left staged.
   */
  async resumeAll(): Promise<number> {
    const live = (await this.list()).filter((run) => !isTerminal(run.status) || RunAuditOutbox.hasStaged(run));
    for (const run of live) this.claim(run.id, SYSTEM_ACTOR, { onlyIfUnowned: true });
    return live.length;
  }

  /**
   * With several instances: takes over runs whose owner died. Runs that wait for a person are left alone unless a
   * wake-up for them is pending, so waiting runs are not rewritten (and their cards not refreshed) on every sweep.
   */
  async sweep(): Promise<number> {
    const pending = await this.ownership.pendingWakeUps();
    const orphans = (await this.list()).filter(
      (run) =>
        RunAuditOutbox.hasStaged(run) || (!isTerminal(run.status) && (pending.has(run.id) || !waitsForPerson(run))),
    );
    for (const run of orphans) this.claim(run.id, SYSTEM_ACTOR, { onlyIfUnowned: true });
    return orphans.length;
  }

  /** Works on the run on the instance that owns it (this one, unless leases say otherwise). */
  private claim(runId: string, actor: Actor, options?: { readonly onlyIfUnowned?: boolean }): void {
    this.tasks.start(`run ${runId}`, () =>
      this.ownership.own(runId, actor, (owner) => this.resume(runId, owner), options),
    );
  }

  /**
   * Picks the run up where it is: keeps checking a console step being verified, waits for Intune on a held write,
   * otherwise advances; while this instance owns the run, so a held write is polled by one instance only.
   */
  private async resume(runId: string, actor: Actor): Promise<void> {
    for (let first = true; !this.stopping && this.ownership.stillOwns(runId); first = false) {
      const run = await this.get(runId);
      const step = run && currentStep(run);
      if (step?.state === 'waiting-for-admin' && step.verification && !step.verification.gaveUpAt) {
        await this.verification.poll(runId, step.id, actor);
      } else if (step?.state === 'waiting-for-intune') {
        // once Intune decides, the wait claims the run again (advance below), which moves it on
        await this.intune.wait(runId, actor, first);
        return;
      } else {
        await this.advance(runId, actor);
      }
      const next = await this.get(runId);
      if (!next || currentStep(next)?.state !== 'waiting-for-intune') return;
    }
  }

  /** The admin says the console step is done: check now and keep checking while the sync delay passes. */
  async verify(runId: string, actor: Actor): Promise<RunRecord> {
    const run = await this.mutex.run(runId, () => startVerification(this.personHost, runId, actor));
    this.claim(runId, actor);
    return run;
  }

  /** Refresh on a run whose write Intune holds: ask Intune now. */
  async refreshIntune(runId: string, actor: Actor): Promise<void> {
    if (currentStep(await this.requireRun(runId))?.state === 'waiting-for-intune') {
      await this.intune.checkNow(runId, actor);
    }
  }

  /** A failed step is tried again from a fresh read of the world. */
  async retry(runId: string, actor: Actor): Promise<RunRecord> {
    const run = await this.mutex.run(runId, () => reopenFailedStep(this.personHost, runId, actor));
    this.claim(runId, actor);
    return run;
  }

  cancel(runId: string, actor: Actor): Promise<RunRecord> {
    return this.mutex.run(runId, () => cancelRun(this.personHost, runId, actor));
  }

  /** Waits until nothing runs in the background (shutdown, tests). */
  idle(): Promise<void> {
    return this.tasks.idle();
  }

  /** Lets the step in progress finish and stops everything else; what is left resumes on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.tasks.idle();
  }

  private async finish(run: RunRecord, status: 'done' | 'failed' | 'cancelled', actor: Actor): Promise<RunRecord> {
    const ended = await this.write(
      run.id,
      (current) => ({ ...current, status, endedAt: this.options.clock.now().toISOString() }),
      [{ actor, action: `run.${status}` }],
    );
    await this.locks.release(ended.resources, ended.id);
    return ended;
  }

  /** Stores a transition with the audit entries that describe it, then appends them (see RunAuditOutbox). */
  private async write(
    runId: string,
    change: (run: RunRecord) => RunRecord,
    events: readonly RunAuditEvent[] = [],
  ): Promise<RunRecord> {
    const updatedAt = this.options.clock.now().toISOString();
    let justStaged = new Set<string>();
    const run = await this.store.update(runId, (current) => {
      const staged = RunAuditOutbox.stage({ ...change(current), updatedAt }, events, this.options.clock.now());
      justStaged = RunAuditOutbox.stagedSince(current, staged);
      return staged;
    });
    this.notify(run);
    return events.length > 0 ? this.outbox.flush(run, justStaged) : run;
  }

  /** Entries a killed process staged but may not have appended. */
  private async appendLeftoverAudit(runId: string): Promise<void> {
    const run = await this.get(runId);
    if (run && RunAuditOutbox.hasStaged(run)) await this.outbox.flush(run);
  }

  private notify(run: RunRecord): void {
    for (const observer of this.observers) {
      try {
        observer.runChanged(run);
      } catch (error) {
        this.options.log.warn({ err: error, runId: run.id }, 'run observer failed');
      }
    }
  }

  private stepContext(run: RunRecord, actor: Actor, step: StepRecord, justification?: string): StepContext {
    return {
      run,
      actor,
      clock: this.options.clock,
      log: this.options.log.child({ runId: run.id, step: step.kind }),
      audit: this.options.audit,
      write: { ...this.pendingWrites.writeFor(run, step), ...(justification === undefined ? {} : { justification }) },
    };
  }

  private async acquireLocks(resources: readonly string[], runId: string, takeOverFrom?: string): Promise<void> {
    await this.locks.acquire(resources, runId, takeOverFrom).catch((error: unknown) => {
      throw error instanceof ResourceBusyError ? busyError(error) : error;
    });
  }

  /** The run, or a user-facing "No such run" that says how to find one. */
  async requireRun(runId: string): Promise<RunRecord> {
    const run = await this.get(runId);
    if (!run) throw new UserFacingError('No such run', `There is no run ${runId}.`, 'Type runs to see recent runs.');
    return run;
  }

  private handler(kind: string): StepHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no handler for step kind ${kind}`);
    return handler;
  }
}
