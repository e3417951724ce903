import type { RunRecord } from '../runs/run-record.js';
import { isTerminal } from '../runs/run-record.js';
import { UserFacingError } from '../user-facing-error.js';
import { ringOf } from './rollout-steps.js';
import { isRollout, rolloutTimeline } from './rollout-timeline.js';

/** Which rollouts a command may act on: one still going (pause, resume, cancel) or one that halted (roll back, advance). */
export type RolloutWanted = 'open' | 'halted';

/**
 * The rollout a command names: by run id (`r-7k2m9q`), or by its policy's name or id, the newest such rollout in the
 * wanted state. A policy has at most one rollout going at a time (the run locks the policy), so the name is enough.
 */
export function findRollout(runs: readonly RunRecord[], typed: string, wanted: RolloutWanted, now: Date): RunRecord {
  const text = typed.trim();
  const rollouts = runs.filter(isRollout);
  const named = /^r-[a-z0-9]{4,20}$/i.test(text)
    ? rollouts.filter((run) => run.id === text.toLowerCase())
    : rollouts.filter((run) => namesPolicy(run, text, now));
  const fitting = named.filter((run) => fits(run, wanted, now));
  const newest = [...fitting].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (newest) return newest;
  if (named.length === 0) {
    throw new UserFacingError(
      'No such rollout',
      `No rollout is called "${text}": give the rollout's run id or its policy's name.`,
      'Type rollouts to see them.',
    );
  }
  throw new UserFacingError(
    wanted === 'open' ? 'That rollout is over' : 'That rollout did not halt',
    wanted === 'open'
      ? `The rollout of "${text}" has ended; there is nothing to pause, resume or cancel.`
      : `No rollout of "${text}" stopped on a failed gate, so there is no ring to roll back or to advance past.`,
    'Type rollouts to see where each one stands.',
  );
}

function fits(run: RunRecord, wanted: RolloutWanted, now: Date): boolean {
  if (wanted === 'open') return !isTerminal(run.status);
  return run.status === 'failed' && rolloutTimeline(run, now).halted !== undefined;
}

/** The policy's name and id as the planner stored them on each ring's assign step (rollout-steps.ts `ringOf`). */
function namesPolicy(run: RunRecord, text: string, now: Date): boolean {
  const wanted = text.toLowerCase();
  const ring = run.steps.map((step) => ringOf(step.input)).find((one) => one !== undefined);
  return ring?.policyName.toLowerCase() === wanted || rolloutTimeline(run, now).policyId?.toLowerCase() === wanted;
}
