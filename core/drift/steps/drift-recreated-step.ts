import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import { baselineFrom } from '../baseline-recorder.js';
import type { BaselineStore } from '../baseline-store.js';
import { normalisePolicy } from '../normalise-policy.js';
import type { DriftEpisodes } from '../drift-episodes.js';
import { policyDrift } from '../policy-drift.js';
import {
  approvalIdOf,
  DRIFT_STEP_KINDS,
  driftRecreateInputSchema,
  parseStepInput,
  recreatedPolicyIdOf,
} from './drift-step-kinds.js';

/**
 * The recreated policy's description carries AttachOps' marker with the create step's write ref (how a lost answer
 * finds it: adapters/graph/restore-body.ts), so it differs from the deleted policy's by design; the marker's format is
 * the adapter's, so the description is left out of this comparison and recorded as read in the new baseline.
 */
const notOwnMarker = (item: { readonly kind: string }): boolean => item.kind !== 'description';

/**
 * The last step of a recreate made of part steps: writes nothing to the tenant. Confirms the policy the create step
 * made equals the deleted one's baseline, makes it the watched policy (its baseline recorded from it as read now,
 * with this run and approval), drops the deleted one's baseline and closes its episode. `drift.recreated` travels
 * as the done outcome's event, stored in the same write as the step's transition, so a crash anywhere audits it once.
 * A crash after the baseline moved and before that write is recognised on the next attempt by the new baseline
 * carrying this run, and finishes the rest.
 */
export function createDriftRecreatedStep(parts: {
  readonly baselines: BaselineStore;
  readonly episodes: DriftEpisodes;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
}): StepHandler {
  return defineStepKind({
    kind: DRIFT_STEP_KINDS.recreated,
    changesTenant: false,
    check(): Promise<WorldCheck> {
      return Promise.resolve({ done: false });
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftRecreateInputSchema, step.input, DRIFT_STEP_KINDS.recreated);
      const policyId = recreatedPolicyIdOf(context.run.steps);
      const raw = policyId === undefined ? undefined : await parts.reads.read(policyId);
      if (policyId === undefined || raw === undefined) {
        return {
          kind: 'failed',
          problem: {
            title: 'The recreated policy is not there',
            message: `The policy recreated for ${input.policyName} cannot be read: it was deleted again meanwhile.`,
            fix: 'Look at the drift card again.',
          },
        };
      }
      const moved = await parts.baselines.get(policyId);
      if (moved?.runId !== context.run.id) {
        const baseline = await parts.baselines.get(input.policyId);
        const left = baseline
          ? policyDrift(baseline.state, normalisePolicy(raw.policy, raw.assignments)).filter(notOwnMarker)
          : undefined;
        if (baseline?.recordedAt !== input.baselineRecordedAt || left === undefined || left.length > 0) {
          return {
            kind: 'failed',
            problem: {
              title: 'Not as approved',
              message: `The recreated policy ${input.policyName} differs from the approved baseline (${left === undefined ? 'the baseline moved' : left.map((item) => item.kind).join(', ')}): it was changed meanwhile, or the baseline moved.`,
              fix: 'Look at the drift card again.',
            },
          };
        }
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
      return {
        kind: 'done',
        message: `Policy ${input.policyName} is back as approved and watched as ${policyId}`,
        outcome: { policyId },
        events: [
          {
            actor: context.actor,
            action: 'drift.recreated',
            details: {
              policy: input.policyName,
              run: context.run.id,
              deletedPolicy: input.policyId,
              newPolicy: policyId,
              ...(input.episodeId ? { episode: input.episodeId } : {}),
            },
          },
        ],
      };
    },
  });
}
