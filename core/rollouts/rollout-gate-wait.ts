import type { ComplianceTenant } from '../compliance/read-compliance.js';
import type { Logger } from '../ports/logger.js';
import { POLICY_STEP_KINDS } from '../policies/policy-step-kinds.js';
import type { RunRecord } from '../runs/run-record.js';
import { defineStepKind, type StepHandler } from '../runs/step-handler.js';
import { defineWaitKind, type WaitKind, type WaitLook, type WaitVerdict } from '../runs/wait-kind.js';
import { describeGateResult, evaluateGate } from './gate-evaluation.js';
import { parseGate } from './gate-rules.js';
import { readPolicyCounts } from './ring-counts.js';
import type { RolloutPauses } from './rollout-pauses.js';
import { type RolloutGateState, rolloutGateStateSchema } from './rollout-gate-state.js';
import { ringAssignedEvent } from './ring-assigned-event.js';
import { devicesWords, type GateInput, gateInputSchema, type RingInfo, ringOf, ROLLOUT_GATE } from './rollout-steps.js';
import { soakWords } from './soak-duration.js';

/** ROLLOUT_CHECK_INTERVAL's default: the longest time between two looks at a soaking ring. */
export const DEFAULT_ROLLOUT_CHECK_INTERVAL_MS = 15 * 60_000;
/** The first look comes this soon; then the delay doubles up to the check interval. */
const FIRST_LOOK_MS = 60_000;

export interface RolloutGateParts {
  /** Absent without a tenant: the gate then waits, noting that there is no report to read. */
  readonly tenant: ComplianceTenant | undefined;
  readonly log: Logger;
  /** ROLLOUT_CHECK_INTERVAL: the backoff's cap. */
  readonly checkIntervalMs: number;
  /** `rollout pause`: a paused rollout soaks on, but its gate is not evaluated until it is resumed. */
  readonly pauses?: RolloutPauses;
}

/**
 * A ring soaks, then its gate is evaluated. Until `assignedAt + soakMs` (the bot's clock) every look is pending and
 * says when the soak ends. After it, each look reads the policy's report: the gate holds -> done (the next ring
 * follows); a failed or non-compliant threshold is crossed -> the step fails with the figures (the rollout halts,
 * nothing more is assigned); only too few devices reported -> pending until the grace after the soak, then it halts.
 */
export function rolloutGateWait(parts: RolloutGateParts): WaitKind<RolloutGateState> {
  const { log } = parts;
  return defineWaitKind({
    kind: ROLLOUT_GATE,
    state: rolloutGateStateSchema,
    nextDelayMs: (checks) => Math.min(parts.checkIntervalMs, FIRST_LOOK_MS * 2 ** Math.max(0, checks - 1)),
    async check(look): Promise<WaitVerdict<RolloutGateState>> {
      const { pausedBy: _resumed, ...state } = look.state;
      const now = look.kernel.clock.now();
      const soakEnds = Date.parse(state.assignedAt) + state.soakMs;
      const pause = await parts.pauses?.get(look.run.id);
      if (pause) {
        // The expiry moves with the pause, so a paused ring neither halts nor advances; resumed, the next look decides.
        const holdUntil = now.getTime() + state.graceMs + 2 * parts.checkIntervalMs;
        const expiresAt = Math.max(Date.parse(look.wait.expiresAt ?? '') || 0, holdUntil);
        return {
          kind: 'pending',
          state: { ...state, pausedBy: pause.by.name },
          note: `Paused by ${pause.by.name}: ring ${state.ringName} ${now.getTime() < soakEnds ? `soaks until ${new Date(soakEnds).toISOString()}, then ` : ''}waits for resume before its gate is evaluated.`,
          expiresAt: new Date(expiresAt).toISOString(),
        };
      }
      if (now.getTime() < soakEnds) {
        return {
          kind: 'pending',
          state,
          note: `Ring ${state.ringName} soaks until ${new Date(soakEnds).toISOString()}.`,
        };
      }
      if (!parts.tenant)
        return { kind: 'pending', state, note: 'No tenant is configured, so there is no report to read.' };
      let counts;
      try {
        counts = await readPolicyCounts(parts.tenant, state.policyId, state.report);
      } catch (error) {
        log.warn(
          { err: error, runId: look.run.id, policyId: state.policyId },
          'rollout gate could not read the report',
        );
        return { kind: 'pending', state, note: `Could not read the report of ${state.policyName}; I keep trying.` };
      }
      const result = evaluateGate(parseGate(state.gate), counts);
      const figures = describeGateResult(result);
      const last = { at: now.toISOString(), counts, holds: result.holds, figures };
      const next: RolloutGateState = { ...state, last };
      const details = { ringIndex: state.ringIndex, ring: state.ringName, gate: state.gate, counts };
      if (result.holds) {
        return {
          kind: 'done',
          message: `Ring ${state.ringName} healthy: ${figures}. Next: ${state.nextRing.name} (${devicesWords(state.nextRing.devices)}).`,
          outcome: { counts },
          state: next,
          events: [{ actor: look.actor, action: 'rollout.ring-passed', details }],
        };
      }
      if (result.onlyReportingShort && now.getTime() < soakEnds + state.graceMs) {
        return {
          kind: 'pending',
          state: next,
          note: `Ring ${state.ringName} soaked; too few devices reported so far: ${figures}. I wait for reports until ${new Date(soakEnds + state.graceMs).toISOString()}.`,
        };
      }
      return halted(look, next, figures, details);
    },
    expired(look) {
      const figures = look.state.last?.figures ?? 'no figures could be read';
      return halted(look, look.state, figures, { ringIndex: look.state.ringIndex, ring: look.state.ringName });
    },
  });
}

function halted(
  look: WaitLook<RolloutGateState>,
  state: RolloutGateState,
  figures: string,
  details: Record<string, unknown>,
): WaitVerdict<RolloutGateState> {
  return {
    kind: 'failed',
    state,
    problem: {
      title: `Ring ${state.ringName} did not pass its gate`,
      message: `The rollout of ${state.policyName} stopped after ring ${state.ringName}: ${figures}. Ring ${state.nextRing.name} was not assigned.`,
      fix: `Look at the devices with compliance "${state.policyName}". Retry soaks ring ${state.ringName} again for ${soakWords(state.soakMs)} and gates it anew.`,
    },
    events: [{ actor: look.actor, action: 'rollout.halted', details: { ...details, figures } }],
  };
}

/**
 * The step that starts a ring's soak: it only ever starts the wait (its `check` never says done, so no restart or
 * takeover can skip a gate); the ring counts as assigned when this step starts, right after its assign step.
 */
export function rolloutGateStep(): StepHandler {
  return defineStepKind({
    kind: ROLLOUT_GATE,
    changesTenant: false,
    check: () => Promise.resolve({ done: false }),
    perform(step, context) {
      const input: GateInput = gateInputSchema.parse(step.input);
      const now = context.clock.now();
      const soakEnds = now.getTime() + input.soakMs;
      const state: RolloutGateState = { ...input, assignedAt: now.toISOString() };
      return Promise.resolve({
        kind: 'wait',
        wait: ROLLOUT_GATE,
        start: {
          state,
          message: `Ring ${input.ringName} soaks until ${new Date(soakEnds).toISOString()}.`,
          expiresAt: new Date(soakEnds + input.graceMs).toISOString(),
          events: [
            ringAssignedEvent(context.actor, ringInfo(context.run, input)),
            {
              actor: context.actor,
              action: 'rollout.soak-started',
              details: { ringIndex: input.ringIndex, ring: input.ringName, soakMs: input.soakMs },
            },
          ],
        },
      });
    },
  });
}

/** The ring this gate soaks, as its assign step stores it (the gate's own input where a stored run has none). */
function ringInfo(run: RunRecord, input: GateInput): RingInfo {
  const assigns = run.steps.filter((step) => step.kind === POLICY_STEP_KINDS.assign);
  const stored = assigns.map((step) => ringOf(step.input)).find((ring) => ring?.index === input.ringIndex);
  return (
    stored ?? {
      index: input.ringIndex,
      of: assigns.length,
      name: input.ringName,
      policyId: input.policyId,
      policyName: input.policyName,
    }
  );
}
