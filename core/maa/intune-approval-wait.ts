import { isUpstreamError } from '../errors/upstream-error.js';
import type { IntuneApprovalRequest, IntuneApprovals } from '../ports/intune-approvals.js';
import type { Logger } from '../ports/logger.js';
import { describeFailure } from '../runs/run-transitions.js';
import type { WorldCheck } from '../runs/step-handler.js';
import { defineWaitKind, type WaitKind, type WaitLook, type WaitVerdict } from '../runs/wait-kind.js';
import { isIntuneApprovalRequired } from './intune-approval-required.js';
import {
  afterIntuneCheck,
  endedProblem,
  heldStart,
  INTUNE_ACTOR,
  INTUNE_APPROVAL,
  type IntuneGate,
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

/**
 * Steps whose write Intune Multi Admin Approval holds: the request is looked at with backoff (and on Refresh); on
 * approval the identical write is resent once with the code; on rejection, cancellation or expiry the step fails.
 * The state is stored on the step, so a restarted bot continues the same wait.
 */
export function intuneApprovalWait(parts: IntuneApprovalWaitParts): WaitKind<IntuneGate> {
  const { log, policy } = parts;

  async function check(look: Look): Promise<WaitVerdict<IntuneGate>> {
    const gate = look.state;
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
    const { gate: next, verdict } = afterIntuneCheck(gate, request);
    if (verdict === 'wait') return { kind: 'pending', state: next };
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
    const started: IntuneGate = { ...next, resendStartedAt: look.kernel.clock.now().toISOString() };
    await look.save(started, resendingNote(started), [{ actor: INTUNE_ACTOR, action: 'intune.approved', details }]);
    return resend({ ...look, state: started });
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
    expired: (look) => ({
      kind: 'failed',
      problem: endedProblem({ ...look.state, status: 'expired' }),
      state: { ...look.state, status: 'expired' },
    }),
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
