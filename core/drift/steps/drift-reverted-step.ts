import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import type { BaselineStore } from '../baseline-store.js';
import { readCurrent } from '../current-state.js';
import { policyDrift } from '../policy-drift.js';
import { DRIFT_STEP_KINDS, driftRevertedInputSchema, parseStepInput } from './drift-step-kinds.js';

/**
 * The last step of a revert made of part steps: writes nothing, confirms the tenant now equals the baseline and audits
 * `drift.reverted` once for the whole revert. Kept out of the writing steps because a write Intune held for Multi
 * Admin Approval ends its step on the resend (core/maa/intune-approval-wait.ts), where no step code runs after it.
 * The audit entry is the done outcome's event, stored in the same write as the step's transition: once, whatever
 * moment the process dies at (core/audit/audit-outbox.ts).
 */
export function createDriftRevertedStep(parts: {
  readonly baselines: BaselineStore;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
}): StepHandler {
  return defineStepKind({
    kind: DRIFT_STEP_KINDS.reverted,
    changesTenant: false,
    check(): Promise<WorldCheck> {
      return Promise.resolve({ done: false });
    },
    async perform(step, context): Promise<StepOutcome> {
      const input = parseStepInput(driftRevertedInputSchema, step.input, DRIFT_STEP_KINDS.reverted);
      const baseline = await parts.baselines.get(input.policyId);
      const current = await readCurrent(parts.reads, input.policyId);
      const left = baseline && current ? policyDrift(baseline.state, current.state) : undefined;
      if (baseline?.recordedAt !== input.baselineRecordedAt || left === undefined || left.length > 0) {
        return {
          kind: 'failed',
          problem: {
            title: 'Not back to the baseline',
            message: `Policy ${input.policyName} still differs from its baseline after the revert: it was changed again meanwhile.`,
            fix: 'Look at the drift card again; ask for a revert there if the policy still differs.',
          },
        };
      }
      return {
        kind: 'done',
        message: `Policy ${input.policyName} matches its baseline again (${input.reverted.length} ${input.reverted.length === 1 ? 'change' : 'changes'} reverted)`,
        outcome: { reverted: input.reverted },
        events: [
          {
            actor: context.actor,
            action: 'drift.reverted',
            details: {
              policy: input.policyName,
              run: context.run.id,
              revertedPolicy: input.policyId,
              reverted: input.reverted,
              baselineRecordedAt: baseline.recordedAt,
              ...(baseline.approvalId ? { baselineApproval: baseline.approvalId } : {}),
              ...(input.episodeId ? { episode: input.episodeId } : {}),
            },
          },
        ],
      };
    },
  });
}
