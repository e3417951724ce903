import type { Actor } from '../actor.js';
import { UserFacingError } from '../user-facing-error.js';
import type { FinishRun } from './advance-run.js';
import { CONSOLE_VERIFICATION, verificationExpiry } from './console-verification-wait.js';
import type { RunKernel } from './run-kernel.js';
import { currentStep, isTerminal, type RunRecord } from './run-record.js';
import { withStep } from './run-transitions.js';
import type { VerifyPolicy } from './verify-policy.js';
import type { WaitLoop } from './wait-loop.js';

/** What a person can do to a run from its card; each runs under the run's lock. */
export class PersonActions {
  constructor(
    private readonly kernel: RunKernel,
    private readonly waits: WaitLoop,
    private readonly verifyPolicy: VerifyPolicy,
    private readonly finish: FinishRun,
    private readonly lockResources: (resources: readonly string[], runId: string) => Promise<void>,
  ) {}

  /** The admin says the console step is done: the step starts a console verification wait (the engine watches it). */
  async startVerification(runId: string, actor: Actor): Promise<RunRecord> {
    const loaded = await this.kernel.require(runId);
    const step = currentStep(loaded);
    const verifying = step?.state === 'waiting' && step.wait?.kind === CONSOLE_VERIFICATION;
    if (!step || (step.state !== 'waiting-for-admin' && !verifying)) {
      throw new UserFacingError(
        'Nothing to verify',
        `Run ${runId} is not waiting for a console step.`,
        `Type run ${runId} to see where it is.`,
      );
    }
    return this.waits.begin(runId, step.id, CONSOLE_VERIFICATION, {
      state: {},
      message: 'Checking whether the change has arrived…',
      startedBy: actor.name,
      expiresAt: verificationExpiry(this.verifyPolicy, this.kernel.clock.now()),
    });
  }

  /** A failed step goes back to pending, its resources locked again, to be tried from a fresh read of the world. */
  async reopenFailedStep(runId: string, actor: Actor): Promise<RunRecord> {
    const loaded = await this.kernel.require(runId);
    const failed = loaded.steps.find((step) => step.state === 'failed');
    if (!failed) throw new UserFacingError('Nothing to retry', `Run ${runId} has no failed step.`);
    await this.lockResources(loaded.resources, runId);
    return this.kernel.reopen(
      runId,
      (current) => ({
        ...withStep(current, failed.id, { state: 'pending', problem: undefined, message: 'Trying again' }),
        status: 'active',
        endedAt: undefined,
      }),
      [{ actor, action: 'run.retried' }],
    );
  }

  /** Ends a live run: withdraws what an active wait holds outside, skips every step not done, releases its resources. */
  async cancel(runId: string, actor: Actor): Promise<RunRecord> {
    const loaded = await this.kernel.require(runId);
    if (isTerminal(loaded.status)) {
      throw new UserFacingError('Run already ended', `Run ${runId} is ${loaded.status}; there is nothing to cancel.`);
    }
    await this.waits.withdraw(loaded, actor);
    const cancelled = await this.kernel.write(runId, (current) => ({
      ...current,
      steps: current.steps.map((step) =>
        step.state === 'done' || step.state === 'skipped'
          ? step
          : { ...step, state: 'skipped', message: `cancelled by ${actor.name}` },
      ),
    }));
    return this.finish(cancelled, 'cancelled', actor);
  }
}
