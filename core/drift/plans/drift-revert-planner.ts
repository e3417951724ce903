import { z } from 'zod';
import type { ChangePlan, PlanChange, Planner } from '../../approvals/change-plan.js';
import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import { policyResource } from '../../policies/policy-step-kinds.js';
import { UserFacingError } from '../../user-facing-error.js';
import type { BaselineStore } from '../baseline-store.js';
import { readCurrent } from '../current-state.js';
import { describeRevert } from '../describe-drift.js';
import type { DriftNames } from '../drift-names.js';
import { type DriftItem, policyDrift } from '../policy-drift.js';
import { itemsOfPart } from '../steps/drift-revert-step.js';
import { DRIFT_STEP_KINDS, type DriftRevertedInput, type DriftRevertInput } from '../steps/drift-step-kinds.js';

export const DRIFT_REVERT_PLANNER = 'drift-revert';
const intentSchema = z.object({ policyId: z.string().min(1), episodeId: z.string().optional() });

/**
 * One step per half that drifted (one tenant write each, as an Intune hold needs), then the closing step that confirms
 * and audits the revert.
 */
function revertSteps(name: string, input: DriftRevertInput, items: readonly DriftItem[]): ChangePlan['steps'] {
  const parts = (['settings', 'assignments'] as const).filter((part) => itemsOfPart(items, part).length > 0);
  const reverted: DriftRevertedInput = { ...input, reverted: items.map((item) => item.kind) };
  return [
    ...parts.map((part) => ({
      kind: DRIFT_STEP_KINDS.revert,
      title: part === 'settings' ? `Put back the settings of ${name}` : `Put back the assignments of ${name}`,
      input: { ...input, part },
    })),
    { kind: DRIFT_STEP_KINDS.reverted, title: `Confirm ${name} matches its baseline`, input: { ...reverted } },
  ];
}

/**
 * Recreate: the create (one write), the assignments to the policy it made when the baseline has any (one write), then
 * the closing step that moves the baseline to the new policy and audits.
 */
function recreateSteps(name: string, input: DriftRevertInput, assigned: boolean): ChangePlan['steps'] {
  return [
    { kind: DRIFT_STEP_KINDS.recreate, title: `Recreate policy ${name}`, input: { ...input, part: 'create' } },
    ...(assigned
      ? [
          {
            kind: DRIFT_STEP_KINDS.recreate,
            title: `Assign the recreated ${name} as approved`,
            input: { ...input, part: 'assignments' },
          },
        ]
      : []),
    { kind: DRIFT_STEP_KINDS.recreated, title: `Watch the recreated ${name}`, input: { ...input } },
  ];
}

/**
 * Revert to baseline (and, for a deleted policy, Recreate) from the drift card: the plan names every difference as
 * now → approved, from the baseline in storage and the tenant as read now; never from what the card carried. Planned
 * again before the run (the plan re-check), so a policy that moved meanwhile is asked about again.
 */
export function createDriftRevertPlanner(parts: {
  readonly baselines: BaselineStore;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
  /** Groups and filters by name on the plan's lines (core/drift/drift-names.ts); ids alone without it. */
  readonly names?: (items: readonly DriftItem[]) => Promise<DriftNames>;
}): Planner {
  return {
    kind: DRIFT_REVERT_PLANNER,
    async plan(raw) {
      const intent = intentSchema.parse(raw);
      const baseline = await parts.baselines.get(intent.policyId);
      if (baseline === undefined) {
        throw new UserFacingError(
          'Not watched',
          'This policy is no longer watched, so there is no baseline to go back to.',
          'Type drift to see the open drift episodes.',
        );
      }
      if (baseline.approved === undefined) {
        throw new UserFacingError(
          'No approved form stored',
          `The baseline of ${baseline.state.name} was recorded before AttachOps kept the approved form, so it cannot be put back exactly.`,
          `Accept the current state as baseline, or change the policy in the Intune admin center and then watch "${baseline.state.name}".`,
        );
      }
      const current = await readCurrent(parts.reads, intent.policyId);
      const items = policyDrift(baseline.state, current?.state);
      const recreate = current === undefined;
      const name = baseline.state.name;
      const restored: DriftItem[] = recreate
        ? Object.values(baseline.state.targets).map((target) => ({ kind: 'target-removed', target }))
        : items;
      const names = (await parts.names?.(restored)) ?? {};
      const changes: PlanChange[] = recreate
        ? [
            { action: 'create', subject: name, detail: 'recreated from its approved settings' },
            ...restored.map((item): PlanChange => ({
              action: 'add',
              subject: describeRevert(item, names),
              detail: 'assigned as approved',
            })),
          ]
        : items.map((item): PlanChange => ({
            action: 'update',
            subject: describeRevert(item, names),
            detail: 'back to the approved value',
          }));
      const input: DriftRevertInput = {
        policyId: baseline.policyId,
        policyName: name,
        baselineRecordedAt: baseline.recordedAt,
        ...(intent.episodeId ? { episodeId: intent.episodeId } : {}),
      };
      return {
        kind: DRIFT_REVERT_PLANNER,
        title: recreate ? `Recreate deleted policy "${name}" as approved` : `Revert policy "${name}" to its baseline`,
        intent,
        changes,
        resources: [policyResource(baseline.policyId)],
        scopeTargets: [[name, baseline.policyId]],
        steps: recreate
          ? recreateSteps(name, input, baseline.approved.assignments.length > 0)
          : revertSteps(name, input, items),
      } satisfies ChangePlan;
    },
  };
}
