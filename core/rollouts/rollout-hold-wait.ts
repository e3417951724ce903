import { z } from 'zod';
import { defineWaitKind, type WaitKind } from '../runs/wait-kind.js';
import type { RolloutPauses } from './rollout-pauses.js';
import { ROLLOUT_HOLD } from './rollout-steps.js';

/** The first look comes this soon; then the delay doubles up to the check interval (as the gate's). */
const FIRST_LOOK_MS = 60_000;

export const rolloutHoldStateSchema = z.object({
  ringIndex: z.number().int().positive(),
  ringName: z.string(),
  approvalId: z.string(),
  approvedBy: z.string(),
  /** Who paused the rollout, as the last look found it. */
  pausedBy: z.string(),
});
export type RolloutHoldState = z.infer<typeof rolloutHoldStateSchema>;

/** What the card says while an approved ring is held by a pause. */
export function holdNote(state: Pick<RolloutHoldState, 'ringName' | 'approvedBy' | 'pausedBy'>): string {
  return `Approved by ${state.approvedBy}; paused by ${state.pausedBy}: ring ${state.ringName} is assigned once someone types rollout resume.`;
}

/**
 * Our choice for an advance approved while the rollout is paused: the approval counts (it is the approver's judgement
 * of the ring's health, and asking again after the pause would only make it expire), but the pause is the operator's
 * hold on the whole rollout, so the next ring waits here until `rollout resume`, exactly as ConfigMgr's suspended
 * phased deployment keeps its next phase. Durable like every wait: a restart or a takeover keeps holding; resume
 * (which looks at once, Refresh) or the next look after it ends the wait and the ring is assigned. No expiry: a pause
 * lasts until someone resumes or cancels.
 */
export function rolloutHoldWait(parts: {
  readonly pauses: RolloutPauses;
  readonly checkIntervalMs: number;
}): WaitKind<RolloutHoldState> {
  return defineWaitKind({
    kind: ROLLOUT_HOLD,
    state: rolloutHoldStateSchema,
    nextDelayMs: (checks) => Math.min(parts.checkIntervalMs, FIRST_LOOK_MS * 2 ** Math.max(0, checks - 1)),
    async check(look) {
      const pause = await parts.pauses.get(look.run.id);
      if (pause) {
        const state = { ...look.state, pausedBy: pause.by.name };
        return { kind: 'pending', state, note: holdNote(state) };
      }
      return {
        kind: 'done',
        message: `Resumed: ring ${look.state.ringName} follows (approved by ${look.state.approvedBy}).`,
      };
    },
    // Unreachable (the hold sets no expiry); were one set, the ring stays unassigned and a person decides.
    expired: (look) => ({
      kind: 'failed',
      problem: {
        title: `Ring ${look.state.ringName} was held too long`,
        message: `The rollout stayed paused; ring ${look.state.ringName} was not assigned.`,
        fix: 'Start a rollout of the remaining rings when it should go on.',
      },
    }),
  });
}
