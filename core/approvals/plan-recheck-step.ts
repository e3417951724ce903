import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../runs/step-handler.js';
import { planHash, type Planner } from './change-plan.js';
import { PLAN_RECHECK_STEP, type ApprovalRecords } from './approval-records.js';

/**
 * Just before anything changes, the approved plan is made again from the same intent against the tenant as it is now.
 * Same hash: go on. A different hash: the request is re-planned and asks for approval again; this run stops.
 */
export function planRecheckStep(approvals: ApprovalRecords, planners: readonly Planner[]): StepHandler {
  const replan = async (approvalId: unknown) => {
    const record = await approvals.requireRecord(String(approvalId));
    const planner = planners.find((candidate) => candidate.kind === record.plan.kind);
    if (!planner) throw new Error(`no planner for ${record.plan.kind}`);
    const plan = await planner.plan(record.plan.intent);
    return { record, plan, unchanged: planHash(plan) === record.planHash };
  };
  return defineStepKind({
    kind: PLAN_RECHECK_STEP,
    changesTenant: false,
    async check(step): Promise<WorldCheck> {
      const { unchanged } = await replan(step.input.approvalId);
      return unchanged ? { done: true, message: 'the tenant still matches the approved plan' } : { done: false };
    },
    async perform(step, context): Promise<StepOutcome> {
      const { record, plan, unchanged } = await replan(step.input.approvalId);
      if (unchanged) return { kind: 'done', message: 'the tenant still matches the approved plan' };
      const next = await approvals.supersede(record.id, plan, context.startRun);
      return {
        kind: 'failed',
        problem: {
          title: 'The tenant changed since the plan was approved',
          message: `Nothing was changed. ${next ? `Request ${next.id} shows the new plan and asks for approval again.` : 'A new request was already made.'}`,
        },
      };
    },
  });
}
