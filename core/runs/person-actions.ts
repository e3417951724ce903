import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import { UserFacingError } from '../user-facing-error.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import { currentStep, isTerminal, type RunRecord } from './run-record.js';
import { withStep } from './run-transitions.js';

/** What the run engine lends to the transitions a person asks for; each runs under the run's mutex. */
export interface PersonActionHost {
  readonly clock: Clock;
  requireRun(runId: string): Promise<RunRecord>;
  write(runId: string, change: (run: RunRecord) => RunRecord, events?: readonly RunAuditEvent[]): Promise<RunRecord>;
  acquireLocks(resources: readonly string[], runId: string): Promise<void>;
  finish(run: RunRecord, status: 'cancelled', actor: Actor): Promise<RunRecord>;
  /** Withdraws a write Intune holds for approval, if the run has one. */
  withdrawIntune(run: RunRecord, actor: Actor): Promise<void>;
}

/** The admin says the console step is done: the step records that checking has started (the engine then polls). */
export async function startVerification(host: PersonActionHost, runId: string, actor: Actor): Promise<RunRecord> {
  const loaded = await host.requireRun(runId);
  const step = currentStep(loaded);
  if (!step || step.state !== 'waiting-for-admin') {
    throw new UserFacingError(
      'Nothing to verify',
      `Run ${runId} is not waiting for a console step.`,
      `Type run ${runId} to see where it is.`,
    );
  }
  const startedAt = host.clock.now().toISOString();
  return host.write(runId, (current) =>
    withStep(current, step.id, {
      verification: { startedAt, attempts: 0, requestedBy: actor.name },
      message: 'Checking whether the change has arrived…',
    }),
  );
}

/** A failed step goes back to pending, its resources locked again, to be tried from a fresh read of the world. */
export async function reopenFailedStep(host: PersonActionHost, runId: string, actor: Actor): Promise<RunRecord> {
  const loaded = await host.requireRun(runId);
  const failed = loaded.steps.find((step) => step.state === 'failed');
  if (!failed) throw new UserFacingError('Nothing to retry', `Run ${runId} has no failed step.`);
  await host.acquireLocks(loaded.resources, runId);
  return host.write(
    runId,
    (current) => ({
      ...withStep(current, failed.id, { state: 'pending', problem: undefined, message: 'Trying again' }),
      status: 'active',
      endedAt: undefined,
    }),
    [{ actor, action: 'run.retried' }],
  );
}

/** Ends a live run: withdraws what Intune holds, skips every step not done, and releases its resources. */
export async function cancelRun(host: PersonActionHost, runId: string, actor: Actor): Promise<RunRecord> {
  const loaded = await host.requireRun(runId);
  if (isTerminal(loaded.status)) {
    throw new UserFacingError('Run already ended', `Run ${runId} is ${loaded.status}; there is nothing to cancel.`);
  }
  await host.withdrawIntune(loaded, actor);
  const cancelled = await host.write(runId, (current) => ({
    ...current,
    steps: current.steps.map((step) =>
      step.state === 'done' || step.state === 'skipped'
        ? step
        : { ...step, state: 'skipped', message: `cancelled by ${actor.name}` },
    ),
  }));
  return host.finish(cancelled, 'cancelled', actor);
}
