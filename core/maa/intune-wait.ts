import type { Actor } from '../actor.js';
import { isUpstreamError } from '../errors/upstream-error.js';
import type { IntuneApprovalRequest, IntuneApprovals } from '../ports/intune-approvals.js';
import type { Logger } from '../ports/logger.js';
import type { BackgroundTasks } from '../runs/background-tasks.js';
import type { RunWaitHost } from '../runs/run-wait-host.js';
import { currentStep, type RunRecord, type StepRecord } from '../runs/run-record.js';
import { describeFailure, withStep } from '../runs/run-transitions.js';
import type { WorldCheck } from '../runs/step-handler.js';
import type { IntuneApprovalRequired } from './intune-approval-required.js';
import {
  afterIntuneCheck,
  endedFields,
  heldFields,
  type IntuneGate,
  type IntuneWaitPolicy,
  nextIntuneCheckDelay,
  notArrivedProblem,
  resendStartedFields,
  resentFields,
  waitingFields,
} from './intune-gate.js';

/** Who moves a run when Intune decides: the decision itself was made by an Intune admin in the admin center. */
export const INTUNE_ACTOR: Actor = { channelUserId: 'intune-maa', name: 'Intune Multi Admin Approval' };

/** The run engine's side of a wait: storage, its lock, the step's read of the world, the audit log. */
export interface IntuneWaitHost extends RunWaitHost {
  readonly log: Logger;
  readonly approvals: IntuneApprovals | undefined;
  readonly policy: IntuneWaitPolicy;
  readonly tasks: BackgroundTasks;
  write(runId: string, change: (run: RunRecord) => RunRecord): Promise<RunRecord>;
  worldCheck(run: RunRecord, step: StepRecord): Promise<WorldCheck>;
  audit(actor: Actor, action: string, run: RunRecord, details: Record<string, unknown>): Promise<void>;
}

type CheckResult = 'wait' | 'moved' | 'stop';

/**
 * Steps whose write Intune Multi Admin Approval holds: the request is polled with backoff (and on Refresh); on
 * approval the identical write is resent once with the code; on rejection, cancellation or expiry the step fails.
 * Everything is stored in the step's `intune` gate, so a restarted bot continues the same wait.
 */
export class IntuneWaits {
  private readonly watching = new Set<string>();

  constructor(private readonly host: IntuneWaitHost) {}

  /** The write came back 403 ApprovalRequired: store the code and the held request. */
  async hold(runId: string, stepId: string, held: IntuneApprovalRequired, actor: Actor): Promise<void> {
    const run = await this.host.write(runId, (current) =>
      withStep(current, stepId, heldFields(held, this.host.clock.now())),
    );
    await this.host.audit(actor, 'intune.held', run, {
      stepId,
      requestId: held.requestId,
      operation: held.operation,
    });
  }

  /**
   * Polls until Intune decides (then hands the run to `advance`) or the engine stops; one poller per run, false when
   * one already polls it. `checkFirst` after a restart or a takeover.
   */
  async wait(runId: string, actor: Actor, checkFirst = false): Promise<boolean> {
    if (this.watching.has(runId)) return false;
    this.watching.add(runId);
    try {
      await this.poll(runId, actor, checkFirst);
      return true;
    } finally {
      this.watching.delete(runId);
    }
  }

  /** Our run was cancelled while Intune held its write: withdraw the request too, so nobody approves a dead change. */
  async withdraw(run: RunRecord, actor: Actor): Promise<void> {
    const gate = waitingGate(run);
    if (!gate || gate.resendStartedAt || !this.host.approvals) return;
    try {
      await this.host.approvals.cancelRequest(gate.requestId);
      await this.host.audit(actor, 'intune.withdrawn', run, { requestId: gate.requestId });
    } catch (error) {
      this.host.log.warn(
        { err: error, runId: run.id, requestId: gate.requestId },
        'could not withdraw the Intune request',
      );
    }
  }

  /** Refresh: ask Intune now rather than at the next scheduled look. */
  async checkNow(runId: string, actor: Actor): Promise<void> {
    const result = await this.host.exclusive(runId, () => this.checkOnce(runId));
    if (result === 'moved') this.host.tasks.start(`advance ${runId}`, () => this.host.advance(runId, actor));
  }

  private async poll(runId: string, actor: Actor, checkFirst: boolean): Promise<void> {
    for (let first = true; ; first = false) {
      if (this.host.isStopping()) return;
      const gate = waitingGate(await this.host.load(runId));
      if (!gate) return;
      const due = gate.nextCheckAt ? Date.parse(gate.nextCheckAt) - this.host.clock.now().getTime() : 0;
      if (due > 0 && !(first && checkFirst)) {
        await Promise.race([this.host.clock.sleep(due), this.host.stopSignal]);
      }
      if (this.host.isStopping() || !this.host.stillOwns(runId)) return;
      const result = await this.host.exclusive(runId, () => this.checkOnce(runId));
      if (result === 'stop') return;
      if (result === 'moved') {
        await this.host.advance(runId, actor);
        return;
      }
    }
  }

  private async checkOnce(runId: string): Promise<CheckResult> {
    const run = await this.host.load(runId);
    const step = run && currentStep(run);
    const gate = waitingGate(run);
    if (!run || !step || !gate) return 'stop';
    if (gate.resendStartedAt) return this.finishResend(run, step, gate);
    const now = this.host.clock.now();
    let request: IntuneApprovalRequest | undefined;
    try {
      if (!this.host.approvals) throw new Error('no Intune approvals port is configured');
      request = await this.host.approvals.getRequest(gate.requestId);
    } catch (error) {
      this.host.log.warn(
        { err: error, runId, requestId: gate.requestId },
        'could not read the Intune approval request',
      );
      const checks = gate.checks + 1;
      const next = {
        ...gate,
        checks,
        lastCheckedAt: now.toISOString(),
        nextCheckAt: new Date(now.getTime() + nextIntuneCheckDelay(this.host.policy, checks + 1)).toISOString(),
      };
      const code = isUpstreamError(error) ? error.code : 'error';
      await this.host.write(runId, (current) =>
        withStep(
          current,
          step.id,
          waitingFields(next, `Could not ask Intune about request ${gate.requestId} (${code}); I keep trying.`),
        ),
      );
      return 'wait';
    }
    const { gate: next, verdict } = afterIntuneCheck(gate, request, now, this.host.policy);
    if (verdict === 'wait') {
      await this.host.write(runId, (current) => withStep(current, step.id, waitingFields(next)));
      return 'wait';
    }
    const details = {
      stepId: step.id,
      requestId: next.requestId,
      decidedBy: next.decidedBy,
      reason: next.decisionReason,
    };
    if (verdict === 'ended') {
      const ended = await this.host.write(runId, (current) => withStep(current, step.id, endedFields(next, now)));
      await this.host.audit(INTUNE_ACTOR, `intune.${next.status}`, ended, details);
      return 'moved';
    }
    await this.host.audit(INTUNE_ACTOR, 'intune.approved', run, details);
    return this.resend(runId, step, next);
  }

  /** Stores that the resend starts, sends the identical write with the code once, then reads the world. */
  private async resend(runId: string, step: StepRecord, gate: IntuneGate): Promise<CheckResult> {
    const started = await this.host.write(runId, (current) =>
      withStep(current, step.id, resendStartedFields(gate, this.host.clock.now())),
    );
    const startedGate = waitingGate(started) ?? gate;
    try {
      if (!this.host.approvals) throw new Error('no Intune approvals port is configured');
      await this.host.approvals.resend(gate.heldWrite, gate.requestId);
    } catch (error) {
      this.host.log.warn({ err: error, runId, requestId: gate.requestId }, 'the resend with the approval code failed');
      return this.settle(started, step, startedGate, describeFailure(error));
    }
    return this.settle(started, step, startedGate);
  }

  /** After a restart in the middle of the resend: if the change is there it arrived; if not, the code is unused. */
  private async finishResend(run: RunRecord, step: StepRecord, gate: IntuneGate): Promise<CheckResult> {
    const world = await this.readWorld(run, step);
    if (world?.done) return this.settle(run, step, gate, undefined, world);
    return this.resend(run.id, step, gate);
  }

  private async settle(
    run: RunRecord,
    step: StepRecord,
    gate: IntuneGate,
    sendFailure?: ReturnType<typeof describeFailure>,
    known?: WorldCheck,
  ): Promise<CheckResult> {
    const world = known ?? (await this.readWorld(run, step));
    const now = this.host.clock.now();
    if (world?.done) {
      const done = await this.host.write(run.id, (current) =>
        withStep(current, step.id, resentFields(gate, world.message, world.outcome, now)),
      );
      await this.host.audit(INTUNE_ACTOR, 'intune.resent', done, { stepId: step.id, requestId: gate.requestId });
      return 'moved';
    }
    const problem = sendFailure ?? notArrivedProblem(gate);
    const failed = await this.host.write(run.id, (current) =>
      withStep(current, step.id, { state: 'failed', endedAt: now.toISOString(), problem, message: problem.title }),
    );
    await this.host.audit(INTUNE_ACTOR, 'intune.resend-failed', failed, {
      stepId: step.id,
      requestId: gate.requestId,
      problem: problem.message,
    });
    return 'moved';
  }

  private async readWorld(run: RunRecord, step: StepRecord): Promise<WorldCheck | undefined> {
    try {
      return await this.host.worldCheck(run, step);
    } catch (error) {
      this.host.log.warn({ err: error, runId: run.id }, 'could not read the tenant after the Intune approval');
      return undefined;
    }
  }
}

function waitingGate(run: RunRecord | undefined): IntuneGate | undefined {
  const step = run && currentStep(run);
  return step?.state === 'waiting-for-intune' ? step.intune : undefined;
}
