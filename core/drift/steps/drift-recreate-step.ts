import { findPolicyByWriteRef } from '../../policies/policy-by-write-ref.js';
import {
  defineStepKind,
  type StepContext,
  type StepHandler,
  type StepOutcome,
  type WorldCheck,
} from '../../runs/step-handler.js';
import type { Baseline } from '../baseline.js';
import { readCurrent } from '../current-state.js';
import { policyDrift } from '../policy-drift.js';
import type { DriftRecreateParts } from './drift-recreate-parts.js';
import { recreateWhole } from './drift-recreate-whole.js';
import { itemsOfPart } from './drift-revert-step.js';
import {
  DRIFT_STEP_KINDS,
  type DriftRecreateInput,
  driftRecreateInputSchema,
  parseStepInput,
  recreatedPolicyIdOf,
} from './drift-step-kinds.js';

const baselineMoved = (input: DriftRecreateInput): StepOutcome => ({
  kind: 'failed',
  problem: {
    title: 'The baseline moved',
    message: `The baseline of ${input.policyName} is not the one this recreate was approved for.`,
    fix: 'Look at the drift card again.',
  },
});

/**
 * Recreate a deleted policy from its approved form. A step with a `part` makes one tenant write (as an Intune hold
 * needs: core/maa/intune-approval-wait.ts settles a held write by this step's check alone): `create` makes the policy
 * with the step's write ref (found by it after a lost answer or a resend, never made twice; its id is the step's
 * outcome), `assignments` gives the policy the create step made its approved assignments. The closing drift-recreated
 * step moves the baseline and audits. A step without a part (planned before the split) does it all itself.
 */
export function createDriftRecreateStep(parts: DriftRecreateParts): StepHandler {
  const whole = recreateWhole(parts);

  async function approvedBaseline(input: DriftRecreateInput): Promise<Baseline | undefined> {
    const baseline = await parts.baselines.get(input.policyId);
    return baseline?.recordedAt === input.baselineRecordedAt && baseline.approved !== undefined ? baseline : undefined;
  }

  /** The new policy's assignment drift against the baseline, or undefined when there is nothing to compare. */
  async function targetsLeft(input: DriftRecreateInput, policyId: string): Promise<number | undefined> {
    const baseline = await parts.baselines.get(input.policyId);
    const current = await readCurrent(parts.reads, policyId);
    if (baseline?.recordedAt !== input.baselineRecordedAt || current === undefined) return undefined;
    return itemsOfPart(policyDrift(baseline.state, current.state), 'assignments').length;
  }

  function newPolicyOf(context: StepContext): string | undefined {
    return recreatedPolicyIdOf(context.run.steps);
  }

  async function checkPart(context: StepContext, input: DriftRecreateInput): Promise<WorldCheck> {
    if (input.part === 'create') {
      const found = await findPolicyByWriteRef(parts.policies, context.write.ref);
      if (found === undefined) return { done: false };
      return {
        done: true,
        message: `policy ${input.policyName} was recreated (${found.id})`,
        outcome: { policyId: found.id },
      };
    }
    const policyId = newPolicyOf(context);
    if (policyId === undefined || (await targetsLeft(input, policyId)) !== 0) return { done: false };
    return {
      done: true,
      message: `the recreated policy ${input.policyName} has its approved assignments`,
      outcome: { policyId },
    };
  }

  async function performPart(context: StepContext, input: DriftRecreateInput): Promise<StepOutcome> {
    const baseline = await approvedBaseline(input);
    if (baseline?.approved === undefined) return baselineMoved(input);
    if (input.part === 'create') {
      const created = await parts.restore.recreate(baseline.approved.policy, context.write);
      return {
        kind: 'done',
        message: `Recreated policy ${input.policyName} (${created.id})`,
        outcome: { policyId: created.id },
      };
    }
    const policyId = newPolicyOf(context);
    if (policyId === undefined) {
      return {
        kind: 'failed',
        problem: {
          title: 'No recreated policy',
          message: `The run has no done create step for ${input.policyName}, so there is nothing to assign.`,
          fix: 'Look at the drift card again and ask for Recreate there.',
        },
      };
    }
    await parts.restore.restoreAssignments(policyId, baseline.approved.assignments, context.write, true);
    return {
      kind: 'done',
      message: `Assigned the recreated policy ${input.policyName} as approved (${baseline.approved.assignments.length})`,
      outcome: { policyId },
    };
  }

  return defineStepKind({
    kind: DRIFT_STEP_KINDS.recreate,
    changesTenant: true,
    check(step, context): Promise<WorldCheck> {
      const input = parseStepInput(driftRecreateInputSchema, step.input, DRIFT_STEP_KINDS.recreate);
      return input.part === undefined ? whole.check(input, context) : checkPart(context, input);
    },
    perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftRecreateInputSchema, step.input, DRIFT_STEP_KINDS.recreate);
      return input.part === undefined ? whole.perform(input, context) : performPart(context, input);
    },
  });
}
