import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import type { BaselineStore } from '../baseline-store.js';
import type { DriftEpisodes } from '../drift-episodes.js';
import { DRIFT_STEP_KINDS, driftUnwatchInputSchema, parseStepInput } from './drift-step-kinds.js';

/** `unwatch`: the policy's baseline and any open episode go; the watch no longer looks at it. */
export function createDriftUnwatchStep(parts: {
  readonly baselines: BaselineStore;
  readonly episodes: DriftEpisodes;
}): StepHandler {
  return defineStepKind({
    kind: DRIFT_STEP_KINDS.unwatch,
    changesTenant: false,
    async check(step): Promise<WorldCheck> {
      const input = parseStepInput(driftUnwatchInputSchema, step.input, DRIFT_STEP_KINDS.unwatch);
      if (await parts.baselines.get(input.policyId)) return { done: false };
      return { done: true, message: `policy ${input.policyName} is not watched` };
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftUnwatchInputSchema, step.input, DRIFT_STEP_KINDS.unwatch);
      await parts.baselines.remove(input.policyId);
      await parts.episodes.close(input.policyId);
      await context.audit.append({
        actor: context.actor,
        action: 'drift.unwatched',
        target: input.policyId,
        details: { policy: input.policyName, run: context.run.id },
      });
      return { kind: 'done', message: `No longer watching policy ${input.policyName}` };
    },
  });
}
