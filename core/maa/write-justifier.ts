import { APPROVAL_STEP, type ApprovalRecords } from '../approvals/approval-records.js';
import type { RunRecord } from '../runs/run-record.js';
import { buildJustification } from './tenant-write.js';

/**
 * The justification of a run's tenant writes, from the approved request behind it: nothing is written before our own
 * approval, so a run without an approved request has no justification (and its writes go out as they always did).
 */
export function createWriteJustifier(approvals: ApprovalRecords): (run: RunRecord) => Promise<string | undefined> {
  return async (run) => {
    const approvalId = run.steps.find((step) => step.kind === APPROVAL_STEP)?.input.approvalId;
    if (typeof approvalId !== 'string') return undefined;
    const record = await approvals.get(approvalId);
    if (record?.status !== 'approved') return undefined;
    return buildJustification({
      what: record.plan.title,
      requestedBy: record.requestedBy.name,
      approvedBy: record.approvals.map((approval) => approval.by.name),
      planHash: record.planHash,
      approvalId: record.id,
      runId: run.id,
    });
  };
}
