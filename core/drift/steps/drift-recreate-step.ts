import type { EndpointSecurityPolicies } from '../../ports/endpoint-security-policies.js';
import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import type { PolicyRestore } from '../../ports/policy-restore.js';
import { findPolicyByWriteRef } from '../../policies/policy-by-write-ref.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import { baselineFrom } from '../baseline-recorder.js';
import type { BaselineStore } from '../baseline-store.js';
import { readCurrent } from '../current-state.js';
import type { DriftEpisodes } from '../drift-episodes.js';
import { policyDrift } from '../policy-drift.js';
import { approvalIdOf, DRIFT_STEP_KINDS, driftRevertInputSchema, parseStepInput } from './drift-step-kinds.js';

/**
 * Recreate a deleted policy from its approved form, with its approved assignments; the new policy carries the step's
 * write ref (found by it after a lost answer, never made twice) and becomes the watched one, with the old baseline's
 * state. Done once a policy with the ref matches the baseline.
 */
export function createDriftRecreateStep(parts: {
  readonly baselines: BaselineStore;
  readonly episodes: DriftEpisodes;
  readonly policies: EndpointSecurityPolicies;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
  readonly restore: PolicyRestore;
}): StepHandler {
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

  return defineStepKind({
    kind: DRIFT_STEP_KINDS.recreate,
    changesTenant: true,
    async check(step, context): Promise<WorldCheck> {
      const input = parseStepInput(driftRevertInputSchema, step.input, DRIFT_STEP_KINDS.recreate);
      const found = await recreated(context.write.ref, input.policyId, context.run.id);
      if (!found?.matches) return { done: false };
      return { done: true, message: `policy ${input.policyName} was recreated`, outcome: { policyId: found.id } };
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftRevertInputSchema, step.input, DRIFT_STEP_KINDS.recreate);
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
  });
}
