import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import type { PolicyRestore } from '../../ports/policy-restore.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import type { BaselineStore } from '../baseline-store.js';
import { readCurrent } from '../current-state.js';
import { policyDrift } from '../policy-drift.js';
import { DRIFT_STEP_KINDS, type DriftRevertInput, driftRevertInputSchema, parseStepInput } from './drift-step-kinds.js';

const SETTING_KINDS = new Set(['renamed', 'description', 'scope-tags', 'setting']);

/** The drift items a step of `part` puts back (both halves when the step has no part). */
export function itemsOfPart<T extends { readonly kind: string }>(
  items: readonly T[],
  part: DriftRevertInput['part'],
): T[] {
  if (part === undefined) return [...items];
  return items.filter((item) => SETTING_KINDS.has(item.kind) === (part === 'settings'));
}

/**
 * Revert to baseline: the policy's name, description, scope tags and settings, and its assignment set, put back
 * exactly as approved (the baseline's `approved` form, sent as read). Done once the tenant normalises equal to the
 * baseline, so a revert whose answer was lost is settled by reading, and a repeat sends nothing. A step with a `part`
 * writes and checks only that half (one write per step, as an Intune hold needs), and the closing drift-reverted step
 * audits; a step without one (planned before the split) does both halves and audits itself.
 */
export function createDriftRevertStep(parts: {
  readonly baselines: BaselineStore;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
  readonly restore: PolicyRestore;
}): StepHandler {
  return defineStepKind({
    kind: DRIFT_STEP_KINDS.revert,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const input = parseStepInput(driftRevertInputSchema, step.input, DRIFT_STEP_KINDS.revert);
      const baseline = await parts.baselines.get(input.policyId);
      if (baseline?.recordedAt !== input.baselineRecordedAt) return { done: false };
      const current = await readCurrent(parts.reads, input.policyId);
      if (current === undefined || itemsOfPart(policyDrift(baseline.state, current.state), input.part).length > 0) {
        return { done: false };
      }
      return { done: true, message: `policy ${input.policyName} matches its baseline`, outcome: { reverted: [] } };
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftRevertInputSchema, step.input, DRIFT_STEP_KINDS.revert);
      const baseline = await parts.baselines.get(input.policyId);
      if (baseline?.recordedAt !== input.baselineRecordedAt || baseline.approved === undefined) {
        return {
          kind: 'failed',
          problem: {
            title: 'The baseline moved',
            message:
              baseline === undefined
                ? `Policy ${input.policyName} is no longer watched.`
                : `The baseline of ${input.policyName} is not the one this revert was approved for.`,
            fix: 'Look at the drift card again; ask for a revert there if the policy still differs.',
          },
        };
      }
      const current = await readCurrent(parts.reads, input.policyId);
      if (current === undefined) {
        return {
          kind: 'failed',
          problem: {
            title: 'The policy was deleted',
            message: `Policy ${input.policyName} no longer exists, so there is nothing to revert.`,
            fix: 'Use Recreate on the drift card.',
          },
        };
      }
      const items = itemsOfPart(policyDrift(baseline.state, current.state), input.part);
      const settingsDrift = items.some((item) => SETTING_KINDS.has(item.kind));
      const targetsDrift = items.some((item) => !SETTING_KINDS.has(item.kind));
      if (settingsDrift) await parts.restore.restoreSettings(input.policyId, baseline.approved.policy, context.write);
      if (targetsDrift) {
        await parts.restore.restoreAssignments(input.policyId, baseline.approved.assignments, context.write);
      }
      if (input.part !== undefined) {
        return {
          kind: 'done',
          message: `Put back the ${input.part} of policy ${input.policyName} as approved`,
          outcome: { reverted: items.map((item) => item.kind) },
        };
      }
      await context.audit.append({
        actor: context.actor,
        action: 'drift.reverted',
        target: input.policyId,
        ...(input.episodeId ? { correlationId: input.episodeId } : {}),
        details: {
          policy: input.policyName,
          run: context.run.id,
          reverted: items.map((item) => item.kind),
          baselineRecordedAt: baseline.recordedAt,
          ...(baseline.approvalId ? { baselineApproval: baseline.approvalId } : {}),
        },
      });
      return {
        kind: 'done',
        message: `Reverted policy ${input.policyName} to its baseline (${items.length} ${items.length === 1 ? 'change' : 'changes'})`,
        outcome: { reverted: items.map((item) => item.kind) },
      };
    },
  });
}
