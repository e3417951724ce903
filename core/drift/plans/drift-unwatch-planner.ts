import { z } from 'zod';
import type { ChangePlan, Planner } from '../../approvals/change-plan.js';
import { policyResource } from '../../policies/policy-step-kinds.js';
import { UserFacingError } from '../../user-facing-error.js';
import type { BaselineStore } from '../baseline-store.js';
import { DRIFT_STEP_KINDS } from '../steps/drift-step-kinds.js';

export const DRIFT_UNWATCH_PLANNER = 'drift-unwatch';
const intentSchema = z.object({ policy: z.string().min(1) });

/** `unwatch "<policy>"`: found among the watched policies by id or approved name (a deleted one too). */
export function createDriftUnwatchPlanner(parts: { readonly baselines: BaselineStore }): Planner {
  return {
    kind: DRIFT_UNWATCH_PLANNER,
    async plan(raw) {
      const intent = intentSchema.parse(raw);
      const wanted = intent.policy.trim().toLowerCase();
      const matches = (await parts.baselines.list()).filter(
        (baseline) => baseline.policyId === wanted || baseline.state.name.trim().toLowerCase() === wanted,
      );
      const [baseline] = matches;
      if (baseline === undefined) {
        throw new UserFacingError(
          'Not watched',
          `No watched policy has the id or the name "${intent.policy}".`,
          'Type drift to see the watched policies that drifted.',
        );
      }
      if (matches.length > 1) {
        throw new UserFacingError(
          'Several watched policies have this name',
          matches.map((m) => `- ${m.policyId}: ${m.state.name}`).join('\n'),
          `Use the id: unwatch ${baseline.policyId}`,
        );
      }
      const name = baseline.state.name;
      return {
        kind: DRIFT_UNWATCH_PLANNER,
        title: `Stop watching policy "${name}"`,
        intent,
        changes: [{ action: 'remove', subject: name, detail: 'no longer held to its baseline; drift is not reported' }],
        resources: [policyResource(baseline.policyId)],
        scopeTargets: [[name, baseline.policyId]],
        steps: [
          {
            kind: DRIFT_STEP_KINDS.unwatch,
            title: `Stop watching ${name}`,
            input: { policyId: baseline.policyId, policyName: name },
          },
        ],
      } satisfies ChangePlan;
    },
  };
}
