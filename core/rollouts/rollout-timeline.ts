import { POLICY_STEP_KINDS } from '../policies/policy-step-kinds.js';
import type { RunRecord, StepRecord } from '../runs/run-record.js';
import { type RolloutGateState, rolloutGateStateSchema } from './rollout-gate-state.js';
import { rolloutHoldStateSchema } from './rollout-hold-wait.js';
import {
  advanceInputSchema,
  gateInputSchema,
  ringOf,
  ROLLOUT_ADVANCE,
  ROLLOUT_GATE,
  ROLLOUT_HOLD,
  ROLLOUT_PLANNER,
} from './rollout-steps.js';

/** Where one ring stands, as the rollout card's timeline shows it. */
export type RingPhase =
  /** Not assigned yet; an earlier ring is still soaking or waiting. */
  | 'not-started'
  /** Its gate passed (approve-each): someone other than the requester approves assigning this ring. */
  | 'waiting-for-approval'
  /** Approved while the rollout is paused: assigned once it is resumed (rollout-hold-wait.ts). */
  | 'held'
  | 'assigning'
  /** Assigned; the soak has not ended. */
  | 'soaking'
  /** Soaked; the gate is read at every check until it holds or the rollout halts. */
  | 'gating'
  /** Assigned and its gate held: the next ring followed. */
  | 'passed'
  /** The last ring: assigned, nothing more to gate. */
  | 'assigned'
  /** Its gate failed: the rollout stopped here. */
  | 'halted'
  /** Its assignment failed. */
  | 'failed'
  /** The rollout ended (cancelled, or halted at an earlier ring) before this ring was assigned. */
  | 'never-assigned';

export interface RingStatus {
  readonly index: number;
  readonly name: string;
  readonly devices: number | undefined;
  readonly phase: RingPhase;
  /** When the soak ends (soaking), ISO. */
  readonly soakEndsAt?: string;
  /** The gate's rules, canonical (rings that are gated). */
  readonly gate?: string;
  /** The last reading of the gate against its thresholds. */
  readonly figures?: string;
  /** The advance request (waiting-for-approval, held). */
  readonly approvalId?: string;
  /** Who approved the advance (held). */
  readonly approvedBy?: string;
  /** Who paused the rollout, as the gate's last look found it (soaking or gating). */
  readonly pausedBy?: string;
}

export interface RolloutTimeline {
  readonly runId: string;
  readonly policyId: string | undefined;
  readonly rings: readonly RingStatus[];
  /** The ring whose gate failed, when the rollout halted. */
  readonly halted: RingStatus | undefined;
  /** Who paused it, when the ring that soaks or gates is paused. */
  readonly pausedBy: string | undefined;
}

export function isRollout(run: RunRecord): boolean {
  return run.kind === ROLLOUT_PLANNER;
}

/**
 * The rings of a rollout run, read from its steps alone: each ring is a policy-assign step, the gate step after it
 * (all rings but the last) and, with approve-each, the approval step that lets the next ring follow.
 */
export function rolloutTimeline(run: RunRecord, now: Date): RolloutTimeline {
  const assigns = run.steps.filter((step) => step.kind === POLICY_STEP_KINDS.assign);
  const gates = run.steps.flatMap((step) => {
    if (step.kind !== ROLLOUT_GATE) return [];
    const input = gateInputSchema.safeParse(step.input);
    return input.success ? [{ step, input: input.data }] : [];
  });
  const advances = run.steps.flatMap((step) => {
    if (step.kind !== ROLLOUT_ADVANCE) return [];
    const input = advanceInputSchema.safeParse(step.input);
    return input.success ? [{ step, input: input.data }] : [];
  });
  const ended = run.status === 'done' || run.status === 'failed' || run.status === 'cancelled';
  const rings = assigns.map((assign, index): RingStatus => {
    const gate = gates.find((one) => one.input.ringIndex === index);
    const advance = advances.find((one) => one.input.ringIndex === index);
    // The planner stores each ring on its assign step; a run stored before it did gets a plain name and no count.
    const ring = ringOf(assign.input);
    const name = ring?.name ?? gate?.input.ringName ?? `ring ${index + 1}`;
    const base = { index, name, devices: ring?.devices, ...(gate ? { gate: gate.input.gate } : {}) };
    const approvalId = advance?.step.approvalId ? { approvalId: advance.step.approvalId } : {};
    if (advance?.step.state === 'waiting-for-approval' && assign.state === 'pending') {
      return { ...base, phase: 'waiting-for-approval', ...approvalId };
    }
    if (advance?.step.state === 'waiting' && advance.step.wait?.kind === ROLLOUT_HOLD && assign.state === 'pending') {
      const hold = rolloutHoldStateSchema.safeParse(advance.step.wait.state);
      return {
        ...base,
        phase: 'held',
        ...approvalId,
        ...(hold.success ? { approvedBy: hold.data.approvedBy, pausedBy: hold.data.pausedBy } : {}),
      };
    }
    switch (assign.state) {
      case 'pending':
        return { ...base, phase: ended ? 'never-assigned' : 'not-started' };
      case 'failed':
        return { ...base, phase: 'failed' };
      case 'done':
      case 'skipped':
        return gate ? gatedPhase(base, gate.step, now) : { ...base, phase: 'assigned' };
      default:
        return { ...base, phase: ended ? 'failed' : 'assigning' };
    }
  });
  const policyId = (assigns[0]?.input as { policyId?: unknown } | undefined)?.policyId;
  return {
    runId: run.id,
    policyId: typeof policyId === 'string' ? policyId : undefined,
    rings,
    halted: rings.find((ring) => ring.phase === 'halted'),
    pausedBy: ended ? undefined : rings.find((ring) => ring.pausedBy !== undefined)?.pausedBy,
  };
}

function gatedPhase(base: Omit<RingStatus, 'phase'>, step: StepRecord, now: Date): RingStatus {
  const state = gateState(step);
  const figures = state?.last?.figures;
  const withFigures = {
    ...base,
    ...(figures === undefined ? {} : { figures }),
    ...(step.state === 'waiting' && state?.pausedBy !== undefined ? { pausedBy: state.pausedBy } : {}),
  };
  switch (step.state) {
    case 'done':
      return { ...withFigures, phase: 'passed' };
    case 'failed':
      return { ...withFigures, phase: 'halted' };
    default: {
      if (!state) return { ...withFigures, phase: 'soaking' };
      const soakEnds = Date.parse(state.assignedAt) + state.soakMs;
      return now.getTime() < soakEnds
        ? { ...withFigures, phase: 'soaking', soakEndsAt: new Date(soakEnds).toISOString() }
        : { ...withFigures, phase: 'gating' };
    }
  }
}

function gateState(step: StepRecord): RolloutGateState | undefined {
  const parsed = rolloutGateStateSchema.safeParse(step.wait?.state);
  return parsed.success ? parsed.data : undefined;
}
