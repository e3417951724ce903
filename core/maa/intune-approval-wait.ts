import type { Actor } from '../actor.js';
import { APPROVAL_STEP, PLAN_RECHECK_STEP } from '../approvals/approval-records.js';
import { isUpstreamError } from '../errors/upstream-error.js';
import type { IntuneApprovalRequest, IntuneApprovals } from '../ports/intune-approvals.js';
import type { Logger } from '../ports/logger.js';
import { describeFailure } from '../runs/run-transitions.js';
import type { WorldCheck } from '../runs/step-handler.js';
import { defineWaitKind, type EarlierStep, type WaitKind, type WaitLook, type WaitVerdict } from '../runs/wait-kind.js';
import { isIntuneApprovalRequired } from './intune-approval-required.js';
import {
  afterIntuneCheck,
  endedProblem,
  heldStart,
  INTUNE_ACTOR,
  INTUNE_APPROVAL,
  type IntuneGate,
  missingNote,
  staleProblem,
  intuneGateSchema,
  type IntuneWaitPolicy,
  nextIntuneCheckDelay,
  notArrivedProblem,
  resendingNote,
  resentMessage,
} from './intune-gate.js';

export interface IntuneApprovalWaitParts {
  /** Absent without a tenant: a held write then waits, noting that nobody can ask Intune. */
  readonly approvals: IntuneApprovals | undefined;
  readonly policy: IntuneWaitPolicy;
  readonly log: Logger;
}

type Look = WaitLook<IntuneGate>;

/** Who withdraws a stale request: the bot, on the tenant's behalf (nobody in Intune decided it). */
const SYSTEM_ACTOR_FOR_WITHDRAWAL: Actor = { channelUserId: 'attachops', name: 'AttachOps' };

/**
 * Steps whose write Intune Multi Admin Approval holds: the request is looked at with backoff (and on Refresh); on
 * approval the identical write is resent once with the code; on rejection, cancellation or expiry the step fails.
 * The state is stored on the step, so a restarted bot continues the same wait.
 */
export function intuneApprovalWait(parts: IntuneApprovalWaitParts): WaitKind<IntuneGate> {
  const { log, policy } = parts;

  async function check(look: Look): Promise<WaitVerdict<IntuneGate>> {
    const gate = look.state;
    if (gate.withdrawnAt) return finishWithdrawal(look);
    if (gate.resendStartedAt) return finishResend(look);
    let request: IntuneApprovalRequest | undefined;
    try {
      request = await approvals().getRequest(gate.requestId);
    } catch (error) {
      log.warn(
        { err: error, runId: look.run.id, requestId: gate.requestId },
        'could not read the Intune approval request',
      );
      const code = isUpstreamError(error) ? error.code : 'error';
      return {
        kind: 'pending',
        note: `Could not ask Intune about request ${gate.requestId} (${code}); I keep trying.`,
      };
    }
    if (request === undefined) {
      const missing = { ...gate, missingSince: gate.missingSince ?? look.kernel.clock.now().toISOString() };
      return { kind: 'pending', state: missing, note: missingNote(missing) };
    }
    const { gate: next, verdict } = afterIntuneCheck(gate, request);
    const expiresAt = next.expiresAt;
    if (verdict === 'wait') return { kind: 'pending', state: next, ...(expiresAt ? { expiresAt } : {}) };
    const details = {
      stepId: look.step.id,
      requestId: next.requestId,
      decidedBy: next.decidedBy,
      reason: next.decisionReason,
    };
    if (verdict === 'ended') {
      const problem = endedProblem(next);
      return {
        kind: 'failed',
        problem,
        state: next,
        events: [{ actor: INTUNE_ACTOR, action: `intune.${next.status}`, details }],
      };
    }
    return decided({ ...look, state: next }, verdict, details);
  }

  /**
   * Approved or completed: the tenant is read first. A change already there is done (completed: carried out; maa.md
   * "Corrections" [U]), never sent again. Otherwise a completed request whose change is missing, or an approved one
   * whose plan still holds, is resent once with the code; an approved one whose tenant changed since the plan
   * approved in Teams is withdrawn instead (maa.md "Stale replays").
   */
  async function decided(
    look: Look,
    verdict: 'resend' | 'settle',
    details: Record<string, unknown>,
  ): Promise<WaitVerdict<IntuneGate>> {
    const world = await readWorld(look);
    const action = verdict === 'settle' ? 'intune.completed' : 'intune.approved';
    if (world?.done) {
      const done = settled(look, world);
      // Nothing is resent: the decision is the only entry.
      return done.kind === 'done' ? { ...done, events: [{ actor: INTUNE_ACTOR, action, details }] } : done;
    }
    if (world === undefined)
      return { kind: 'pending', note: `Could not read the tenant after ${action}; I keep trying.` };
    const replan = verdict === 'resend' ? stalePlan(look) : undefined;
    if (replan && !(await replan.check()).done) return withdrawStale(look, details);
    const started: IntuneGate = { ...look.state, resendStartedAt: look.kernel.clock.now().toISOString() };
    await look.save(started, resendingNote(started), [{ actor: INTUNE_ACTOR, action: 'intune.approved', details }]);
    return resend({ ...look, state: started });
  }

  /**
   * The plan re-check of the run, when the held write is the run's first change (an earlier change of the run itself
   * would make the tenant differ from the plan on purpose): maa.md "Stale replays".
   */
  function stalePlan(look: Look): EarlierStep | undefined {
    const held = look.run.steps.findIndex((step) => step.id === look.step.id);
    const before = look.run.steps.slice(0, held);
    if (!before.every((step) => step.kind === APPROVAL_STEP || step.kind === PLAN_RECHECK_STEP)) return undefined;
    return look.earlierStep(PLAN_RECHECK_STEP);
  }

  /** The tenant changed since the plan approved in Teams: withdraw the request (stored first), then plan again. */
  async function withdrawStale(look: Look, details: Record<string, unknown>): Promise<WaitVerdict<IntuneGate>> {
    const withdrawing: IntuneGate = { ...look.state, withdrawnAt: look.kernel.clock.now().toISOString() };
    const note = `The tenant changed since the plan was approved in Teams; withdrawing Intune request ${withdrawing.requestId}.`;
    await look.save(withdrawing, note, [{ actor: INTUNE_ACTOR, action: 'intune.approved', details }]);
    return finishWithdrawal({ ...look, state: withdrawing });
  }

  async function finishWithdrawal(look: Look): Promise<WaitVerdict<IntuneGate>> {
    const gate = look.state;
    try {
      await approvals().cancelRequest(gate.requestId);
    } catch (error) {
      // Already withdrawn before a restart, or no longer pending: nothing left to withdraw, the write is still not sent.
      log.warn(
        { err: error, runId: look.run.id, requestId: gate.requestId },
        'could not withdraw the stale Intune request',
      );
    }
    const replanned = await look.earlierStep(PLAN_RECHECK_STEP)?.perform();
    const problem = staleProblem(gate, replanned?.kind === 'failed' ? replanned.problem.message : '');
    const details = {
      stepId: look.step.id,
      requestId: gate.requestId,
      reason: 'the tenant changed since the approved plan',
    };
    return {
      kind: 'failed',
      problem,
      state: { ...gate, status: 'cancelled' },
      events: [{ actor: SYSTEM_ACTOR_FOR_WITHDRAWAL, action: 'intune.withdrawn', details }],
    };
  }

  /** Sends the identical write with the code once (its start is stored first), then reads the world. */
  async function resend(look: Look): Promise<WaitVerdict<IntuneGate>> {
    const gate = look.state;
    try {
      await approvals().resend(gate.heldWrite, gate.requestId);
    } catch (error) {
      log.warn(
        { err: error, runId: look.run.id, requestId: gate.requestId },
        'the resend with the approval code failed',
      );
      return settle(look, describeFailure(error));
    }
    return settle(look);
  }

  /** After a restart in the middle of the resend: if the change is there it arrived; if not, the code is unused. */
  async function finishResend(look: Look): Promise<WaitVerdict<IntuneGate>> {
    const world = await readWorld(look);
    return world?.done ? settled(look, world) : resend(look);
  }

  async function settle(
    look: Look,
    sendFailure?: ReturnType<typeof describeFailure>,
  ): Promise<WaitVerdict<IntuneGate>> {
    const world = await readWorld(look);
    if (world?.done) return settled(look, world);
    const problem = sendFailure ?? notArrivedProblem(look.state);
    const details = { stepId: look.step.id, requestId: look.state.requestId, problem: problem.message };
    return { kind: 'failed', problem, events: [{ actor: INTUNE_ACTOR, action: 'intune.resend-failed', details }] };
  }

  function settled(look: Look, world: WorldCheck & { done: true }): WaitVerdict<IntuneGate> {
    const gate = look.state;
    return {
      kind: 'done',
      message: resentMessage(gate, world.message),
      outcome: world.outcome,
      state: { ...gate, status: 'completed' },
      events: [
        { actor: INTUNE_ACTOR, action: 'intune.resent', details: { stepId: look.step.id, requestId: gate.requestId } },
      ],
    };
  }

  async function readWorld(look: Look): Promise<WorldCheck | undefined> {
    try {
      return await look.worldCheck();
    } catch (error) {
      log.warn({ err: error, runId: look.run.id }, 'could not read the tenant after the Intune approval');
      return undefined;
    }
  }

  function approvals(): IntuneApprovals {
    if (!parts.approvals) throw new Error('no Intune approvals port is configured');
    return parts.approvals;
  }

  return defineWaitKind({
    kind: INTUNE_APPROVAL,
    state: intuneGateSchema,
    nextDelayMs: (checks) => nextIntuneCheckDelay(policy, checks + 1),
    check,
    expired: (look) => {
      const gate: IntuneGate = { ...look.state, status: 'expired' };
      const details = { stepId: look.step.id, requestId: gate.requestId, missing: gate.missingSince !== undefined };
      const events = [{ actor: INTUNE_ACTOR, action: 'intune.expired', details }];
      return { kind: 'failed', problem: endedProblem(gate), state: gate, events };
    },
    startsFrom: (error, _step, now) => (isIntuneApprovalRequired(error) ? heldStart(error, now) : undefined),
    /** Our run was cancelled while Intune held its write: withdraw the request too, so nobody approves a dead change. */
    async withdraw(look) {
      const gate = look.state;
      if (gate.resendStartedAt || !parts.approvals) return;
      try {
        await parts.approvals.cancelRequest(gate.requestId);
        await look.kernel.appendAudit(look.actor, 'intune.withdrawn', look.run, { requestId: gate.requestId });
      } catch (error) {
        log.warn(
          { err: error, runId: look.run.id, requestId: gate.requestId },
          'could not withdraw the Intune request',
        );
      }
    },
  });
}
