import type { Actor } from '../actor.js';
import { isUpstreamError } from '../errors/upstream-error.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import type { RunKernel } from './run-kernel.js';
import { isWaiting, type RunRecord, type StepRecord } from './run-record.js';
import { withStep } from './run-transitions.js';
import type { StepKinds } from './step-kinds.js';
import type { WaitKind, WaitLook, WaitVerdict } from './wait-kind.js';
import type { WaitKinds } from './wait-kinds.js';
import type { WaitRecord } from './wait-record.js';
import type { WaitStart } from './wait-start.js';

/** What one look did to the run: it still waits, the step moved on (done, failed, handed back), or nothing to do. */
export type LookResult = 'wait' | 'moved' | 'stop';

/**
 * The one loop behind every wait kind: looks when the kind's backoff says (or at once after a restart, a takeover or
 * Refresh now), under the run's lock and only while this instance owns the run; stores every look, so another instance
 * or a restarted bot continues the same wait; ends it at `expiresAt` after one last look.
 */
export class WaitLoop {
  private readonly watching = new Set<string>();

  constructor(
    private readonly kernel: RunKernel,
    private readonly kinds: WaitKinds,
    private readonly steps: StepKinds,
  ) {}

  /** Puts the step into the wait (under the run's lock, by whoever started it). */
  async begin(runId: string, stepId: string, kind: string, start: WaitStart<unknown>): Promise<RunRecord> {
    const now = this.kernel.clock.now().toISOString();
    const wait: WaitRecord = {
      kind,
      startedAt: now,
      checks: 0,
      nextCheckAt: now,
      state: this.kinds.get(kind).state.parse(start.state),
      ...(start.startedBy === undefined ? {} : { startedBy: start.startedBy }),
      ...(start.expiresAt === undefined ? {} : { expiresAt: start.expiresAt }),
    };
    const begun = await this.kernel.write(
      runId,
      (current) => ({
        ...withStep(current, stepId, { state: 'waiting', wait, message: start.message }),
        status: 'waiting',
      }),
      start.events ?? [],
    );
    this.kernel.tracing.waitBegan('intune', kind);
    return begun;
  }

  /** The wait kind that claims an error a step's write threw, and how it starts; undefined when none does. */
  claim(error: unknown, step: StepRecord): { kind: string; start: WaitStart<unknown> } | undefined {
    return this.kinds.claim(error, step, this.kernel.clock.now());
  }

  /**
   * Looks until the wait ends (true: the step moved on) or the engine stops, the lease is lost, or another loop already
   * watches this run (false). `lookFirst` after a restart or a takeover.
   */
  async watch(runId: string, actor: Actor, lookFirst: boolean): Promise<boolean> {
    if (this.watching.has(runId)) return false;
    this.watching.add(runId);
    try {
      for (let first = true; ; first = false) {
        const step = waitingStep(await this.kernel.load(runId));
        if (!step || this.kernel.stopping) return false;
        const due = step.wait.nextCheckAt ? Date.parse(step.wait.nextCheckAt) - this.kernel.clock.now().getTime() : 0;
        if (!(first && lookFirst) && !(await this.kernel.pause(due))) return false;
        if (!this.kernel.stillOwns(runId)) return false;
        const result = await this.kernel.exclusive(runId, () => this.lookOnce(runId, actor));
        if (result !== 'wait') return result === 'moved';
      }
    } finally {
      this.watching.delete(runId);
    }
  }

  /** Refresh now: one look at once, whatever the schedule says. */
  lookNow(runId: string, actor: Actor): Promise<LookResult> {
    return this.kernel.exclusive(runId, () => this.lookOnce(runId, actor));
  }

  /** The run is cancelled: the active wait's kind withdraws what it holds outside. */
  async withdraw(run: RunRecord, actor: Actor): Promise<void> {
    const step = waitingStep(run);
    const kind = step && this.kinds.get(step.wait.kind);
    if (!step || !kind?.withdraw) return;
    await kind.withdraw(this.lookAt(kind, run, step, actor));
  }

  private async lookOnce(runId: string, actor: Actor): Promise<LookResult> {
    const run = await this.kernel.load(runId);
    const step = waitingStep(run);
    if (!run || !step) return 'stop';
    const index = run.steps.findIndex((candidate) => candidate.id === step.id);
    return this.kernel.tracing.inStepSpan({ kind: step.kind, index }, () => this.look(run, step, actor));
  }

  /** One look in the step's span: the kind's verdict, stored. */
  private async look(run: RunRecord, step: StepRecord & { wait: WaitRecord }, actor: Actor): Promise<LookResult> {
    const runId = run.id;
    const kind = this.kinds.get(step.wait.kind);
    const look = this.lookAt(kind, run, step, actor);
    const now = this.kernel.clock.now();
    let verdict: WaitVerdict<unknown>;
    try {
      verdict = await kind.check(look);
    } catch (error) {
      this.kernel.log.warn({ err: error, runId, wait: kind.kind }, 'a look of a wait failed');
      verdict = {
        kind: 'pending',
        note: `Could not check (${isUpstreamError(error) ? error.code : 'error'}); I keep trying.`,
      };
    }
    const latest = waitingStep(await this.kernel.load(runId)) ?? step;
    if (verdict.kind === 'pending') {
      const expiresAt = verdict.expiresAt ?? latest.wait.expiresAt;
      if (expiresAt === undefined || Date.parse(expiresAt) > now.getTime()) {
        await this.store(runId, latest, kind, now, verdict, expiresAt);
        return 'wait';
      }
      verdict = kind.expired({ ...look, step: latest, wait: latest.wait, state: kind.state.parse(latest.wait.state) });
    }
    await this.store(runId, latest, kind, now, verdict);
    return 'moved';
  }

  private lookAt(
    kind: WaitKind,
    run: RunRecord,
    step: StepRecord & { wait: WaitRecord },
    actor: Actor,
  ): WaitLook<unknown> {
    const handler = this.steps.get(step.kind);
    return {
      kernel: this.kernel,
      run,
      step,
      wait: step.wait,
      state: kind.state.parse(step.wait.state),
      actor,
      worldCheck: async () => handler.check(step, this.steps.context(run, actor, step)),
      earlierStep: (earlierKind) => {
        const earlier = run.steps.find((candidate) => candidate.kind === earlierKind && candidate.id !== step.id);
        if (!earlier) return undefined;
        const earlierHandler = this.steps.get(earlierKind);
        const context = () => this.steps.context(run, actor, earlier);
        return {
          check: () => earlierHandler.check(earlier, context()),
          perform: () => earlierHandler.perform(earlier, context()),
        };
      },
      save: async (state, note, events) => {
        await this.kernel.write(
          run.id,
          (current) => withStep(current, step.id, { wait: { ...step.wait, state }, message: note }),
          events,
        );
      },
    };
  }

  private async store(
    runId: string,
    step: StepRecord & { wait: WaitRecord },
    kind: WaitKind,
    now: Date,
    verdict: WaitVerdict<unknown>,
    expiresAt?: string,
  ): Promise<void> {
    const at = now.toISOString();
    const checks = step.wait.checks + 1;
    const state = 'state' in verdict && verdict.state !== undefined ? verdict.state : step.wait.state;
    const looked: WaitRecord = { ...step.wait, state, checks, lastCheckedAt: at, nextCheckAt: undefined };
    const events: readonly RunAuditEvent[] = 'events' in verdict ? (verdict.events ?? []) : [];
    const fields: Partial<StepRecord> = ((): Partial<StepRecord> => {
      switch (verdict.kind) {
        case 'pending': {
          const nextCheckAt = new Date(now.getTime() + kind.nextDelayMs(checks)).toISOString();
          return {
            wait: { ...looked, nextCheckAt, ...(expiresAt ? { expiresAt } : {}) },
            message: verdict.note ?? step.message,
          };
        }
        case 'done':
          return {
            state: 'done',
            endedAt: at,
            message: verdict.message,
            outcome: verdict.outcome,
            problem: undefined,
            wait: { ...looked, endedAt: at },
          };
        case 'failed':
          return {
            state: 'failed',
            endedAt: at,
            problem: verdict.problem,
            message: verdict.problem.title,
            wait: { ...looked, endedAt: at },
          };
        case 'gave-up':
          return { state: 'waiting-for-admin', message: verdict.note, wait: { ...looked, gaveUpAt: at } };
      }
    })();
    const status = verdict.kind === 'done' || verdict.kind === 'failed' ? { status: 'active' as const } : {};
    await this.kernel.write(runId, (current) => ({ ...withStep(current, step.id, fields), ...status }), events);
    if (verdict.kind === 'gave-up') this.kernel.tracing.waitBegan('person', 'waiting-for-admin');
  }
}

function waitingStep(run: RunRecord | undefined): (StepRecord & { wait: WaitRecord }) | undefined {
  const step = run?.steps.find((candidate) => candidate.state !== 'done' && candidate.state !== 'skipped');
  return isWaiting(step) ? step : undefined;
}
