import type { ApprovalRecord } from '../approvals/approval-record.js';
import { isTerminal, type RunRecord } from '../runs/run-record.js';
import type { RolloutPauses } from './rollout-pauses.js';
import { advanceInputSchema, ROLLOUT_ADVANCE } from './rollout-steps.js';

/**
 * What the approval card of a rollout's next ring says while the rollout is paused: approving counts, but the ring is
 * assigned only after `rollout resume` (rollout-hold-wait.ts). Empty for any other request, or once the ring went on.
 */
export async function advanceRequestNote(
  record: ApprovalRecord,
  run: RunRecord | undefined,
  pauses: RolloutPauses,
): Promise<string> {
  if (record.plan.kind !== ROLLOUT_ADVANCE || run === undefined || isTerminal(run.status)) return '';
  if (record.status !== 'pending' && record.status !== 'approved') return '';
  const step = run.steps.find((one) => one.kind === ROLLOUT_ADVANCE && one.approvalId === record.id);
  if (step?.state === 'done') return '';
  const pause = await pauses.get(run.id);
  if (!pause) return '';
  const ring = advanceInputSchema.safeParse(record.plan.intent).data?.nextRing.name ?? 'the next ring';
  return record.status === 'pending'
    ? `The rollout is paused by ${pause.by.name}: an approval is recorded now, and ring ${ring} is assigned only once someone types rollout resume.`
    : `The rollout is paused by ${pause.by.name}: ring ${ring} is approved and is assigned once someone types rollout resume.`;
}
