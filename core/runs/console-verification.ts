import type { Actor } from '../actor.js';
import { isUpstreamError } from '../errors/upstream-error.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import type { RunRecord, StepRecord } from './run-record.js';
import type { RunWaitHost } from './run-wait-host.js';
import { checkedFields, gaveUpFields, verifiedFields, withStep } from './run-transitions.js';
import type { StepContext, StepHandler } from './step-handler.js';
import { nextVerifyDelay, type VerifyPolicy } from './verify-policy.js';

/** The run engine's side of verifying a console step: storage, the run's lock, the step's read of the world. */
export interface ConsoleVerificationHost extends RunWaitHost {
  readonly policy: VerifyPolicy;
  write(runId: string, change: (run: RunRecord) => RunRecord, events?: readonly RunAuditEvent[]): Promise<RunRecord>;
  handler(kind: string): StepHandler;
  stepContext(run: RunRecord, actor: Actor, step: StepRecord): StepContext;
}

/**
 * A console step (attach, enable) is done by an admin in the ConfigMgr console; after they say so, the change takes a
 * while to sync. This keeps checking the world, with backoff, until it is there or the policy gives up.
 */
export class ConsoleVerification {
  constructor(private readonly host: ConsoleVerificationHost) {}

  /** Checks the world with backoff until the console change arrives, then advances the run; gives up after a while. */
  async poll(runId: string, stepId: string, actor: Actor): Promise<void> {
    for (;;) {
      const run = await this.host.load(runId);
      const step = run?.steps.find((candidate) => candidate.id === stepId);
      if (!run || !step || step.state !== 'waiting-for-admin' || !step.verification || step.verification.gaveUpAt)
        return;
      const verification = step.verification;
      const elapsed = this.host.clock.now().getTime() - Date.parse(verification.startedAt);
      if (verification.attempts > 0) {
        if (elapsed >= this.host.policy.giveUpAfterMs) {
          await this.giveUp(runId, stepId, actor);
          return;
        }
        await Promise.race([
          this.host.clock.sleep(nextVerifyDelay(this.host.policy, verification.attempts)),
          this.host.stopSignal,
        ]);
      }
      if (this.host.isStopping() || !this.host.stillOwns(runId)) return;
      const arrived = await this.host.exclusive(runId, () => this.checkOnce(runId, stepId, actor));
      if (arrived === 'stop') return;
      if (arrived === 'done') {
        await this.host.advance(runId, actor);
        return;
      }
    }
  }

  private async checkOnce(runId: string, stepId: string, actor: Actor): Promise<'done' | 'not-yet' | 'stop'> {
    const run = await this.host.load(runId);
    const step = run?.steps.find((candidate) => candidate.id === stepId);
    if (!run || !step || step.state !== 'waiting-for-admin' || !step.verification) return 'stop';
    const handler = this.host.handler(step.kind);
    const context = this.host.stepContext(run, actor, step);
    const now = this.host.clock.now();
    const attempts = step.verification.attempts + 1;
    let note: string;
    try {
      const world = await handler.check(step, context);
      if (world.done) {
        await this.host.write(
          runId,
          (current) => ({
            ...withStep(current, stepId, verifiedFields(step, world, now, attempts)),
            status: 'active',
          }),
          [{ actor, action: 'step.verified', details: { step: step.kind, stepId, attempts } }],
        );
        return 'done';
      }
      note = `Not there yet (check ${attempts}); changes take a while to sync, I keep checking.`;
    } catch (error) {
      context.log.warn({ err: error }, 'verification check failed');
      note = `Could not check (${isUpstreamError(error) ? error.code : 'error'}); I keep trying.`;
    }
    const nextCheckAt = new Date(now.getTime() + nextVerifyDelay(this.host.policy, attempts));
    await this.host.write(runId, (current) =>
      withStep(current, stepId, checkedFields(step, note, now, attempts, nextCheckAt)),
    );
    return 'not-yet';
  }

  private async giveUp(runId: string, stepId: string, actor: Actor): Promise<void> {
    await this.host.exclusive(runId, async () => {
      await this.host.write(
        runId,
        (current) => {
          const step = current.steps.find((candidate) => candidate.id === stepId);
          return step?.verification
            ? withStep(current, stepId, gaveUpFields(step.verification, this.host.clock.now()))
            : current;
        },
        [{ actor, action: 'step.verification-timed-out', details: { stepId } }],
      );
    });
  }
}
