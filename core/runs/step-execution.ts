import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import { isIntuneApprovalRequired, type IntuneApprovalRequired } from '../maa/intune-approval-required.js';
import type { PendingWrites } from './pending-writes.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import { currentStep, type RunRecord, type StepRecord } from './run-record.js';
import { describeFailure, messageOf, outcomeFields, withStep } from './run-transitions.js';
import type { StepContext, StepHandler, StepOutcome } from './step-handler.js';
import { isOutcomeUnknown } from './unknown-outcome.js';

/** What the run engine lends to one step's execution. */
export interface StepExecutionHost {
  readonly clock: Clock;
  readonly pendingWrites: PendingWrites;
  stillOwns(runId: string): boolean;
  handler(kind: string): StepHandler;
  write(runId: string, change: (run: RunRecord) => RunRecord, events?: readonly RunAuditEvent[]): Promise<RunRecord>;
  /** The justification the run's tenant writes carry (core/maa). */
  justify(run: RunRecord): Promise<string | undefined>;
  stepContext(run: RunRecord, actor: Actor, step: StepRecord, justification?: string): StepContext;
  /** Intune Multi Admin Approval holds the step's write: the run waits for Intune. */
  holdForIntune(runId: string, stepId: string, held: IntuneApprovalRequired, actor: Actor): Promise<void>;
}

/**
 * Runs one step: waits for a write of an earlier attempt to settle, marks the step running, reads the world (a step
 * already true is done without performing it), performs it, and stores the outcome with its audit entry. A write whose
 * answer was lost, or one Intune holds, leaves the step waiting instead of failed.
 */
export async function executeStep(
  host: StepExecutionHost,
  run: RunRecord,
  step: StepRecord,
  actor: Actor,
): Promise<void> {
  if (!(await host.pendingWrites.settle(run.id, step)) || !host.stillOwns(run.id)) return;
  const handler = host.handler(step.kind);
  const now = host.clock.now().toISOString();
  const running = await host.write(run.id, (current) => ({
    ...withStep(current, step.id, { state: 'running', startedAt: step.startedAt ?? now, attempts: step.attempts + 1 }),
    status: 'active',
  }));
  const justification = handler.changesTenant ? await host.justify(running) : undefined;
  const current = currentStep(running) ?? step;
  const context = host.stepContext(running, actor, current, justification);
  let outcome: StepOutcome;
  try {
    const world = await handler.check(current, context);
    outcome = world.done
      ? { kind: 'done', message: `already done: ${world.message}`, outcome: world.outcome }
      : await handler.perform(current, context);
  } catch (error) {
    if (isIntuneApprovalRequired(error)) return host.holdForIntune(run.id, step.id, error, actor);
    if (isOutcomeUnknown(error)) {
      return host.pendingWrites.recordUnknown(run.id, step.id, actor, (error as Error).message);
    }
    outcome = { kind: 'failed', problem: describeFailure(error) };
    context.log.warn({ err: error }, 'step failed');
  }
  const changed = outcome.kind === 'done' || outcome.kind === 'failed';
  const event: RunAuditEvent = {
    actor,
    action: `step.${outcome.kind}`,
    details: { step: step.kind, stepId: step.id, message: messageOf(outcome) },
  };
  await host.write(
    run.id,
    (latest) => withStep(latest, step.id, outcomeFields(outcome, host.clock.now())),
    handler.changesTenant || changed ? [event] : [],
  );
}
