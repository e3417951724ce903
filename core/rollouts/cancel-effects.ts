import type { Actor } from '../actor.js';
import type { ApprovalRecords } from '../approvals/approval-records.js';
import type { RunAuditEvent } from '../runs/run-audit-outbox.js';
import type { RunRecord } from '../runs/run-record.js';
import { isRollout, rolloutTimeline } from './rollout-timeline.js';

/**
 * What cancelling a run does beyond its steps (the run engine's `onCancel`): the request a step still waits on is
 * withdrawn with the reason on its card, and a rollout records `rollout.cancelled` with the rings it leaves assigned
 * and the ones it never assigns, in the same write as the cancellation.
 */
export function cancelEffects(
  approvals: ApprovalRecords,
  now: () => Date,
): (run: RunRecord, actor: Actor) => Promise<readonly RunAuditEvent[]> {
  return async (run, actor) => {
    if (!isRollout(run)) {
      await approvals.withdrawForRun(run, actor, `run ${run.id} was cancelled, so nothing of it runs.`);
      return [];
    }
    const rings = rolloutTimeline(run, now()).rings;
    const notAssigned = rings.filter((ring) =>
      ['not-started', 'waiting-for-approval', 'held', 'never-assigned'].includes(ring.phase),
    );
    const assigned = rings.filter((ring) => !notAssigned.includes(ring));
    const next = notAssigned[0];
    await approvals.withdrawForRun(
      run,
      actor,
      `the rollout was cancelled, so ring ${next?.name ?? ''} is not assigned.`,
    );
    return [
      {
        actor,
        action: 'rollout.cancelled',
        details: { assigned: assigned.map((ring) => ring.name), notAssigned: notAssigned.map((ring) => ring.name) },
      },
    ];
  };
}
