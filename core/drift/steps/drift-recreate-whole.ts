import { findPolicyByWriteRef } from '../../policies/policy-by-write-ref.js';
import type { StepContext, StepOutcome, WorldCheck } from '../../runs/step-handler.js';
import { baselineFrom } from '../baseline-recorder.js';
import { readCurrent } from '../current-state.js';
import { policyDrift } from '../policy-drift.js';
import type { DriftRecreateParts } from './drift-recreate-parts.js';
import { approvalIdOf, type DriftRecreateInput } from './drift-step-kinds.js';

/**
 * A drift-recreate step planned before the split into one write per step: creates, assigns, moves the baseline,
 * closes the episode and audits in one step. Kept so runs stored then still execute as approved; new plans never make
 * it (a write Intune holds ends such a step on the resend, before the rest of it runs).
 */
export function recreateWhole(parts: DriftRecreateParts): {
  check(input: DriftRecreateInput, context: StepContext): Promise<WorldCheck>;
  perform(input: DriftRecreateInput, context: StepContext): Promise<StepOutcome>;
} {
  async function recreated(
    ref: string,
    policyId: string,
    runId: string,
  ): Promise<{ id: string; matches: boolean } | undefined> {
    const found = await findPolicyByWriteRef(parts.policies, ref);
    if (found === undefined) return undefined;
    const moved = await parts.baselines.get(found.id);
    if (moved?.runId === runId) return { id: found.id, matches: true };
    const baseline = await parts.baselines.get(policyId);
    const current = await readCurrent(parts.reads, found.id);
    const matches =
      baseline !== undefined && current !== undefined && policyDrift(baseline.state, current.state).length === 0;
    return { id: found.id, matches };
  }

  return {
    async check(input, context) {
      const found = await recreated(context.write.ref, input.policyId, context.run.id);
      if (!found?.matches) return { done: false };
      return { done: true, message: `policy ${input.policyName} was recreated`, outcome: { policyId: found.id } };
    },
    async perform(input, context) {
      const baseline = await parts.baselines.get(input.policyId);
      if (baseline?.recordedAt !== input.baselineRecordedAt || baseline.approved === undefined) {
        return {
          kind: 'failed',
          problem: {
            title: 'The baseline moved',
            message: `The baseline of ${input.policyName} is not the one this recreate was approved for.`,
            fix: 'Look at the drift card again.',
          },
        };
      }
      const found = await recreated(context.write.ref, input.policyId, context.run.id);
      const policyId = found?.id ?? (await parts.restore.recreate(baseline.approved.policy, context.write)).id;
      if (baseline.approved.assignments.length > 0) {
        await parts.restore.restoreAssignments(policyId, baseline.approved.assignments, context.write, true);
      }
      const raw = await parts.reads.read(policyId);
      if (raw !== undefined) {
        const approvalId = approvalIdOf(context.run.steps);
        await parts.baselines.put(
          baselineFrom(policyId, raw, context.clock.now().toISOString(), {
            runId: context.run.id,
            ...(approvalId ? { approvalId } : {}),
          }),
        );
      }
      await parts.baselines.remove(input.policyId);
      await parts.episodes.close(input.policyId);
      await context.audit.append({
        actor: context.actor,
        action: 'drift.recreated',
        target: policyId,
        ...(input.episodeId ? { correlationId: input.episodeId } : {}),
        details: { policy: input.policyName, run: context.run.id, deletedPolicy: input.policyId },
      });
      return { kind: 'done', message: `Recreated policy ${input.policyName}`, outcome: { policyId } };
    },
  };
}
