import { APPROVAL_STEP, PLAN_RECHECK_STEP } from '../approvals/approval-records.js';
import type { Storage } from '../ports/storage.js';
import { isTerminal, type RunRecord } from '../runs/run-record.js';

/** The resource locks' keys for policies (core/runs/resource-locks.ts, policyResource in policy-step-kinds.ts). */
const POLICY_LOCKS = 'lock/policy:';

/** A run that has started changing what it locked: past its approval, not ended. */
function changing(run: RunRecord): boolean {
  if (isTerminal(run.status)) return false;
  return run.steps.some(
    (step) => step.kind !== APPROVAL_STEP && step.kind !== PLAN_RECHECK_STEP && step.state !== 'pending',
  );
}

/**
 * The policies a run of the bot's own is changing right now: the watch leaves them alone for the cycle, so the bot's
 * own writes in flight (and a rollout's soak between rings) are never drift; the baseline follows when the run ends.
 * One key listing of the policy locks plus one read per locked policy's run, no tenant request.
 */
export async function policiesInFlight(
  storage: Storage,
  loadRun: (runId: string) => Promise<RunRecord | undefined>,
): Promise<ReadonlySet<string>> {
  const busy = new Set<string>();
  for (const item of await storage.list(POLICY_LOCKS)) {
    const runId = (item.value as { runId?: unknown } | undefined)?.runId;
    if (typeof runId !== 'string') continue;
    const run = await loadRun(runId);
    if (run !== undefined && changing(run)) busy.add(item.key.slice(POLICY_LOCKS.length).toLowerCase());
  }
  return busy;
}
