import type { Actor } from '../actor.js';
import { shortId } from '../short-id.js';
import { advanceRun } from './advance-run.js';
import { consoleVerificationWait } from './console-verification-wait.js';
import { newRunRecord } from './new-run-record.js';
import { PendingWrites } from './pending-writes.js';
import { PersonActions } from './person-actions.js';
import { ResourceBusyError, ResourceLocks } from './resource-locks.js';
import { RunAuditOutbox } from './run-audit-outbox.js';
import type { RunEngineOptions } from './run-engine-options.js';
import { DurableRunKernel } from './run-kernel.js';
import { currentStep, isTerminal, isWaiting, type RunRecord, waitsForPerson } from './run-record.js';
import type { RunListPage } from './run-list-index.js';
import type { RunObserver, RunRequest } from './run-request.js';
import type { RunStore } from './run-store.js';
import { busyError } from './run-transitions.js';
import { StepExecution } from './step-execution.js';
import { StepKinds } from './step-kinds.js';
import { DEFAULT_VERIFY_POLICY } from './verify-policy.js';
import { WaitKinds } from './wait-kinds.js';
import { WaitLoop } from './wait-loop.js';

export type { RunEngineOptions } from './run-engine-options.js';
export type { RunObserver, RunRequest } from './run-request.js';

export const SYSTEM_ACTOR: Actor = { channelUserId: 'attachops', name: 'AttachOps' };

const DEFAULT_WRITE_SETTLE_MS = 60_000;
const DEFAULT_WRITE_SETTLE_AFTER_ANSWER_MS = 10_000;

/** Durable runs of idempotent steps and waits: persisted after every transition, resumed after a restart. */
export class RunEngine {
  private readonly kernel: DurableRunKernel;
  private readonly locks: ResourceLocks;
  private readonly steps: StepKinds;
  private readonly waits: WaitLoop;
  private readonly execution: StepExecution;
  private readonly person: PersonActions;

  constructor(private readonly options: RunEngineOptions) {
    const kernel = new DurableRunKernel(options);
    const pendingWrites = new PendingWrites(
      kernel,
      options.writeSettleMs ?? DEFAULT_WRITE_SETTLE_MS,
      options.writeSettleAfterAnswerMs ?? DEFAULT_WRITE_SETTLE_AFTER_ANSWER_MS,
    );
    const steps = (this.steps = new StepKinds(options.handlers, kernel, pendingWrites, (run) => this.start(run)));
    const verifyPolicy = options.verifyPolicy ?? DEFAULT_VERIFY_POLICY;
    const waitKinds = new WaitKinds([consoleVerificationWait(verifyPolicy), ...(options.waits ?? [])]);
    const justify = options.justify ?? (() => Promise.resolve(undefined));
    const finish = this.finish.bind(this);
    this.kernel = kernel;
    this.locks = new ResourceLocks(options.storage, async (runId) => {
      const run = await kernel.load(runId);
      return run !== undefined && !isTerminal(run.status);
    });
    this.waits = new WaitLoop(kernel, waitKinds, steps);
    this.execution = new StepExecution(kernel, steps, pendingWrites, this.waits, justify);
    this.person = new PersonActions(
      kernel,
      this.waits,
      verifyPolicy,
      finish,
      (resources, runId) => this.acquireLocks(resources, runId),
      options.onCancel,
    );
  }

  get store(): RunStore {
    return this.kernel.store;
  }

  observe(observer: RunObserver): void {
    this.kernel.observe(observer);
  }

  /** Creates the run and starts it in the background; refuses when another live run holds one of its resources. */
  async start(request: RunRequest): Promise<RunRecord> {
    request.steps.forEach((step) => this.steps.get(step.kind));
    const traceparent = this.kernel.tracing.currentTraceparent();
    const run = newRunRecord(request, this.options.newRunId?.() ?? shortId('r'), this.kernel.clock.now(), traceparent);
    await this.acquireLocks(run.resources, run.id, request.replacesRun);
    const steps = run.steps.map((step) => step.kind);
    await this.kernel.create(run, [{ actor: request.requestedBy, action: 'run.started', details: { steps } }]);
    this.claim(run.id, request.requestedBy);
    return run;
  }

  get(runId: string): Promise<RunRecord | undefined> {
    return this.kernel.load(runId);
  }

  requireRun(runId: string): Promise<RunRecord> {
    return this.kernel.require(runId);
  }

  list(): Promise<RunRecord[]> {
    return this.kernel.store.list();
  }

  /** One page of the runs, newest first, from the list index: one storage listing, whatever the history holds. */
  page(request: { conversationId?: string; limit: number; continuation?: string }): Promise<RunListPage> {
    return this.kernel.store.page(request);
  }

  /** The newest runs of one kind, read through the list index (run-store.ts `recentOfKind`): bounded whatever the history. */
  recentOfKind(kind: string, looksLike: (title: string) => boolean, withinRuns?: number): Promise<RunRecord[]> {
    return this.kernel.store.recentOfKind(kind, looksLike, withinRuns);
  }

  /**
   * Compacts runs that ended more than `retentionMs` ago, at most `max` (run-archive.ts): their audit entries stay,
   * `run <id>` says they were archived. Costs what it compacts: one page read when there is nothing to do.
   */
  compact(retentionMs: number, max: number): Promise<number> {
    const now = this.kernel.clock.now();
    return this.kernel.store.archive.compact(new Date(now.getTime() - retentionMs), max, now);
  }

  /** Moves the run as far as it can go without a person or a wait (advance-run.ts). */
  advance(runId: string, actor: Actor): Promise<void> {
    return this.kernel.exclusive(runId, async () => {
      await this.kernel.appendLeftoverAudit(runId);
      await advanceRun(this.kernel, this.execution, this.finish.bind(this), runId, actor);
    });
  }

  /** Advances without waiting for it; tracked so shutdown and tests can wait. */
  advanceInBackground(runId: string, actor: Actor): void {
    this.claim(runId, actor);
  }

  /** Resumes every run in flight when the bot stopped, and every ended run whose last audit entries a kill left staged. */
  async resumeAll(): Promise<number> {
    const live = await this.kernel.liveRuns();
    for (const run of live) this.claim(run.id, SYSTEM_ACTOR, { onlyIfUnowned: true });
    return live.length;
  }

  /** With several instances: takes over runs whose owner died; runs parked for a person only on a pending wake-up. */
  async sweep(): Promise<number> {
    const pending = await this.kernel.ownership.pendingWakeUps();
    const orphans = (await this.kernel.liveRuns()).filter(
      (run) =>
        RunAuditOutbox.hasStaged(run) || (!isTerminal(run.status) && (pending.has(run.id) || !waitsForPerson(run))),
    );
    for (const run of orphans) this.claim(run.id, SYSTEM_ACTOR, { onlyIfUnowned: true });
    return orphans.length;
  }

  /** The admin says the console step is done: check now and keep checking while the sync delay passes. */
  async verify(runId: string, actor: Actor): Promise<RunRecord> {
    const run = await this.kernel.exclusive(runId, () => this.person.startVerification(runId, actor));
    this.claim(runId, actor);
    return run;
  }

  /** Refresh on a run that waits on a wait kind: look now rather than at the next scheduled look. */
  async refresh(runId: string, actor: Actor): Promise<void> {
    if (!isWaiting(currentStep(await this.kernel.require(runId)))) return;
    if ((await this.waits.lookNow(runId, actor)) === 'moved') this.claim(runId, actor);
  }

  /** A failed step is tried again from a fresh read of the world. */
  async retry(runId: string, actor: Actor): Promise<RunRecord> {
    const run = await this.kernel.exclusive(runId, () => this.person.reopenFailedStep(runId, actor));
    this.claim(runId, actor);
    return run;
  }

  cancel(runId: string, actor: Actor): Promise<RunRecord> {
    return this.kernel.exclusive(runId, () => this.person.cancel(runId, actor));
  }

  /** Waits until nothing runs in the background (shutdown, tests). */
  idle(): Promise<void> {
    return this.kernel.idle();
  }

  /** Lets the step in progress finish and stops everything else; what is left resumes on the next start. */
  stop(): Promise<void> {
    return this.kernel.stop();
  }

  /** Works on the run on the instance that owns it (this one, unless leases say otherwise). */
  private claim(runId: string, actor: Actor, options?: { readonly onlyIfUnowned?: boolean }): void {
    this.kernel.background(`run ${runId}`, () =>
      this.kernel.ownership.own(runId, actor, (owner) => this.resume(runId, owner), options),
    );
  }

  /**
   * Picks the run up where it is: watches an active wait (looking at once), otherwise advances; while owned here. One
   * run span per spell of work, linked to the turn that started the run (core/ports/run-tracing.ts).
   */
  private async resume(runId: string, actor: Actor): Promise<void> {
    if (this.kernel.stopping || !this.kernel.stillOwns(runId)) return;
    const loaded = await this.kernel.load(runId);
    if (!loaded) return;
    const subject = { id: loaded.id, kind: loaded.kind, startedBy: loaded.traceparent };
    await this.kernel.tracing.inRunSpan(subject, () => this.resumeFrom(loaded, actor));
  }

  private async resumeFrom(loaded: RunRecord, actor: Actor): Promise<void> {
    const runId = loaded.id;
    for (let first = true; !this.kernel.stopping && this.kernel.stillOwns(runId); first = false) {
      const run = first ? loaded : await this.kernel.load(runId);
      if (!run) return;
      if (isWaiting(currentStep(run)) && !(await this.waits.watch(runId, actor, first))) return;
      await this.advance(runId, actor);
      const next = await this.kernel.load(runId);
      if (!next || !isWaiting(currentStep(next))) return;
    }
  }

  private async finish(run: RunRecord, status: 'done' | 'failed' | 'cancelled', actor: Actor): Promise<RunRecord> {
    const endedAt = this.kernel.clock.now().toISOString();
    const ended = await this.kernel.write(run.id, (current) => ({ ...current, status, endedAt }), [
      { actor, action: `run.${status}` },
    ]);
    await this.locks.release(ended.resources, ended.id);
    this.kernel.tracing.runEnded(status);
    return ended;
  }

  private async acquireLocks(resources: readonly string[], runId: string, takeOverFrom?: string): Promise<void> {
    await this.locks.acquire(resources, runId, takeOverFrom).catch((error: unknown) => {
      throw error instanceof ResourceBusyError ? busyError(error) : error;
    });
  }
}
