import { canonicalJson } from '../../audit/canonical-json.js';
import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import { baselineFrom } from '../baseline-recorder.js';
import type { BaselineStore } from '../baseline-store.js';
import { readCurrent } from '../current-state.js';
import type { DriftEpisodes } from '../drift-episodes.js';
import { approvalIdOf, DRIFT_STEP_KINDS, driftBaselineInputSchema, parseStepInput } from './drift-step-kinds.js';

/**
 * Accept as baseline (the drift card) and `watch` (adopting a policy): the policy as it stands becomes its baseline,
 * with this run and its approval, provided it still is what was approved (a policy changed again since is refused, not
 * recorded unseen). Accepting ends the drift episode: the next cycle is quiet, and a later drift opens a new one.
 */
export function createDriftBaselineStep(parts: {
  readonly baselines: BaselineStore;
  readonly episodes: DriftEpisodes;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
}): StepHandler {
  return defineStepKind({
    kind: DRIFT_STEP_KINDS.baseline,
    changesTenant: false,
    async check(step, context): Promise<WorldCheck> {
      const input = parseStepInput(driftBaselineInputSchema, step.input, DRIFT_STEP_KINDS.baseline);
      const baseline = await parts.baselines.get(input.policyId);
      if (baseline?.runId !== context.run.id) return { done: false };
      return { done: true, message: `the baseline of ${input.policyName} is recorded`, outcome: { mode: input.mode } };
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftBaselineInputSchema, step.input, DRIFT_STEP_KINDS.baseline);
      const current = await readCurrent(parts.reads, input.policyId);
      if (current === undefined || canonicalJson(current.state) !== input.expectedState) {
        return {
          kind: 'failed',
          problem: {
            title: current === undefined ? 'The policy was deleted' : 'The policy changed again',
            message: `Policy ${input.policyName} is no longer what was approved as its baseline.`,
            fix:
              input.mode === 'accept'
                ? 'Look at the drift card again and accept what it shows now.'
                : `Ask again: watch "${input.policyName}".`,
          },
        };
      }
      const approvalId = approvalIdOf(context.run.steps);
      await parts.baselines.put(
        baselineFrom(input.policyId, current.raw, context.clock.now().toISOString(), {
          runId: context.run.id,
          ...(approvalId ? { approvalId } : {}),
        }),
      );
      await parts.episodes.close(input.policyId);
      await context.audit.append({
        actor: context.actor,
        action: input.mode === 'accept' ? 'drift.accepted' : 'drift.watched',
        target: input.policyId,
        ...(input.episodeId ? { correlationId: input.episodeId } : {}),
        details: { policy: input.policyName, run: context.run.id, ...(approvalId ? { approval: approvalId } : {}) },
      });
      return {
        kind: 'done',
        message:
          input.mode === 'accept'
            ? `Accepted the current state of ${input.policyName} as its baseline`
            : `Watching policy ${input.policyName}`,
        outcome: { mode: input.mode },
      };
    },
  });
}
