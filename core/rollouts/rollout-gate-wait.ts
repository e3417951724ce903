import { z } from 'zod';
import type { ComplianceTenant } from '../compliance/read-compliance.js';
import type { Logger } from '../ports/logger.js';
import { defineStepKind, type StepHandler } from '../runs/step-handler.js';
import { defineWaitKind, type WaitKind, type WaitLook, type WaitVerdict } from '../runs/wait-kind.js';
import { describeGateResult, evaluateGate } from './gate-evaluation.js';
import { parseGate } from './gate-rules.js';
import { readPolicyCounts } from './ring-counts.js';
import { devicesWords, type GateInput, gateInputSchema, ROLLOUT_GATE } from './rollout-steps.js';
import { soakWords } from './soak-duration.js';

/** ROLLOUT_CHECK_INTERVAL's default: the longest time between two looks at a soaking ring. */
export const DEFAULT_ROLLOUT_CHECK_INTERVAL_MS = 15 * 60_000;
/** The first look comes this soon; then the delay doubles up to the check interval. */
const FIRST_LOOK_MS = 60_000;

const countsSchema = z.object({
  targeted: z.number(),
  compliant: z.number(),
  nonCompliant: z.number(),
  failed: z.number(),
  pending: z.number(),
  enforced: z.number(),
});

/** The wait's state: the gate step's input, when the ring was assigned, and the figures of the last look after soak. */
export const rolloutGateStateSchema = gateInputSchema.extend({
  assignedAt: z.string(),
  last: z.object({ at: z.string(), counts: countsSchema, holds: z.boolean(), figures: z.string() }).optional(),
});
export type RolloutGateState = z.infer<typeof rolloutGateStateSchema>;

export interface RolloutGateParts {
  /** Absent without a tenant: the gate then waits, noting that there is no report to read. */
  readonly tenant: ComplianceTenant | undefined;
  readonly log: Logger;
  /** ROLLOUT_CHECK_INTERVAL: the backoff's cap. */
  readonly checkIntervalMs: number;
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
      const state = look.state;
      const now = look.kernel.clock.now();
      const soakEnds = Date.parse(state.assignedAt) + state.soakMs;
      if (now.getTime() < soakEnds) {
        return { kind: 'pending', note: `Ring ${state.ringName} soaks until ${new Date(soakEnds).toISOString()}.` };
      }
      if (!parts.tenant) return { kind: 'pending', note: 'No tenant is configured, so there is no report to read.' };
      let counts;
      try {
        counts = await readPolicyCounts(parts.tenant, state.policyId, state.report);
      } catch (error) {
        log.warn(
          { err: error, runId: look.run.id, policyId: state.policyId },
          'rollout gate could not read the report',
        );
        return { kind: 'pending', note: `Could not read the report of ${state.policyName}; I keep trying.` };
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
