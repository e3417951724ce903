import type { Actor } from '../actor.js';
import type { PendingWrites } from './pending-writes.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import type { RunKernel } from './run-kernel.js';
import { currentStep, type RunRecord, type StepRecord } from './run-record.js';
import { describeFailure, messageOf, outcomeFields, withStep } from './run-transitions.js';
import type { StepOutcome } from './step-handler.js';
import type { StepKinds } from './step-kinds.js';
import { isOutcomeUnknown } from './unknown-outcome.js';
import type { WaitLoop } from './wait-loop.js';

/** The justification a run's tenant writes carry (core/maa/write-justifier.ts), or none. */
export type Justify = (run: RunRecord) => Promise<string | undefined>;

/**
 * Runs one step: waits for a write of an earlier attempt to settle, marks the step running, reads the world (a step
 * already true is done without performing it), performs it, and stores the outcome with its audit entry. A write whose
 * answer was lost leaves the step waiting to read the tenant; an error a wait kind claims (Intune holds the write) or
 * an outcome that asks for a wait puts the step into that wait, never failed.
 */
export class StepExecution {
  constructor(
    private readonly kernel: RunKernel,
    private readonly steps: StepKinds,
    private readonly pendingWrites: PendingWrites,
    private readonly waits: WaitLoop,
    private readonly justify: Justify,
  ) {}

  /** One step span per execution, under the run span (core/ports/run-tracing.ts). */
  execute(run: RunRecord, step: StepRecord, actor: Actor): Promise<void> {
    const index = run.steps.findIndex((candidate) => candidate.id === step.id);
    return this.kernel.tracing.inStepSpan({ kind: step.kind, index }, () => this.executeOnce(run, step, actor));
  }

  private async executeOnce(run: RunRecord, step: StepRecord, actor: Actor): Promise<void> {
    if (!(await this.pendingWrites.settle(run.id, step)) || !this.kernel.stillOwns(run.id)) return;
    const handler = this.steps.get(step.kind);
    const now = this.kernel.clock.now().toISOString();
    const running = await this.kernel.write(run.id, (current) => ({
      ...withStep(current, step.id, {
        state: 'running',
        startedAt: step.startedAt ?? now,
        attempts: step.attempts + 1,
      }),
      status: 'active',
    }));
    const justification = handler.changesTenant ? await this.justify(running) : undefined;
    const current = currentStep(running) ?? step;
    const context = this.steps.context(running, actor, current, justification);
    let outcome: StepOutcome;
    try {
      const world = await handler.check(current, context);
      outcome = world.done
        ? {
            kind: 'done',
            message: handler.changesTenant ? `already done: ${world.message}` : world.message,
            outcome: world.outcome,
            ...(world.events === undefined ? {} : { events: world.events }),
          }
        : await handler.perform(current, context);
    } catch (error) {
      const claimed = this.waits.claim(error, current);
      if (claimed) {
        await this.waits.begin(run.id, step.id, claimed.kind, claimed.start);
        return;
      }
      if (isOutcomeUnknown(error)) {
        return this.pendingWrites.recordUnknown(run.id, step.id, actor, error);
      }
      outcome = { kind: 'failed', problem: describeFailure(error) };
      context.log.warn({ err: error }, 'step failed');
    }
    if (outcome.kind === 'wait') {
      await this.waits.begin(run.id, step.id, outcome.wait, outcome.start);
      return;
    }
    if (
      (outcome.kind === 'waiting-for-approval' || outcome.kind === 'waiting-for-admin') &&
      step.state !== outcome.kind
    ) {
      this.kernel.tracing.waitBegan('person', outcome.kind);
    }
    const changed = outcome.kind === 'done' || outcome.kind === 'failed';
    const event: RunAuditEvent = {
      actor,
      action: `step.${outcome.kind}`,
      details: { step: step.kind, stepId: step.id, message: messageOf(outcome) },
    };
    await this.kernel.write(
      run.id,
      (latest) => withStep(latest, step.id, outcomeFields(outcome, this.kernel.clock.now())),
      [
        ...(handler.changesTenant || changed ? [event] : []),
        ...(outcome.kind === 'done' ? (outcome.events ?? []) : []),
      ],
    );
  }
}
