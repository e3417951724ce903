import { z } from 'zod';
import { ROLLOUT_PLANNER } from '../../core/rollouts/rollout-steps.js';
import type { RunEngine } from '../../core/runs/run-engine.js';
import type { RunRecord } from '../../core/runs/run-record.js';

/** The rollout a `rollout pause|resume|cancel|rollback|advance` command names: its run id, or its policy. */
export const rolloutTargetArgs = z.object({ rollout: z.string().trim().min(1).max(256) });

const RUN_ID = /^r-[a-z0-9]{4,20}$/i;

/**
 * The runs a rollout command looks among: the one its run id names, or the recent rollouts (the run list index, never
 * every run stored: issue 28).
 */
export async function rolloutCandidates(runs: RunEngine, typed: string): Promise<RunRecord[]> {
  const text = typed.trim();
  if (RUN_ID.test(text)) {
    const run = await runs.get(text.toLowerCase());
    return run ? [run] : [];
  }
  return recentRollouts(runs);
}

export function recentRollouts(runs: RunEngine): Promise<RunRecord[]> {
  return runs.recentOfKind(ROLLOUT_PLANNER, (title) => title.startsWith('Roll out "'));
}
