import { z } from 'zod';
import { canonicalJson } from '../../audit/canonical-json.js';
import type { ChangePlan, PlanChange, Planner } from '../../approvals/change-plan.js';
import type { EndpointSecurityPolicies } from '../../ports/endpoint-security-policies.js';
import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import { resolvePolicy } from '../../policies/find-policy.js';
import { policyResource } from '../../policies/policy-step-kinds.js';
import { UserFacingError } from '../../user-facing-error.js';
import type { BaselineStore } from '../baseline-store.js';
import { readCurrent } from '../current-state.js';
import { describeDriftItem } from '../describe-drift.js';
import type { DriftNames } from '../drift-names.js';
import { type DriftItem, policyDrift } from '../policy-drift.js';
import { DRIFT_STEP_KINDS, type DriftBaselineInput } from '../steps/drift-step-kinds.js';

export const DRIFT_ACCEPT_PLANNER = 'drift-accept';
export const DRIFT_WATCH_PLANNER = 'drift-watch';

const acceptIntentSchema = z.object({ policyId: z.string().min(1), episodeId: z.string().optional() });
const watchIntentSchema = z.object({ policy: z.string().min(1) });

interface Parts {
  readonly baselines: BaselineStore;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
  readonly policies: EndpointSecurityPolicies;
  /** Groups and filters by name on the plan's lines (core/drift/drift-names.ts); ids alone without it. */
  readonly names?: (items: readonly DriftItem[]) => Promise<DriftNames>;
}

/**
 * Accept as baseline (the drift card): what the tenant has now becomes what is approved, each difference named
 * approved → now. Someone other than the requester approves it, as every change request.
 */
export function createDriftAcceptPlanner(parts: Parts): Planner {
  return {
    kind: DRIFT_ACCEPT_PLANNER,
    async plan(raw) {
      const intent = acceptIntentSchema.parse(raw);
      const baseline = await parts.baselines.get(intent.policyId);
      if (baseline === undefined) {
        throw new UserFacingError(
          'Not watched',
          'This policy is no longer watched.',
          'Type drift to see the open drift episodes.',
        );
      }
      const current = await readCurrent(parts.reads, intent.policyId);
      if (current === undefined) {
        throw new UserFacingError(
          'The policy was deleted',
          `${baseline.state.name} no longer exists; there is nothing to accept.`,
          `Recreate it from the drift card, or stop watching it: unwatch "${baseline.state.name}".`,
        );
      }
      const items = policyDrift(baseline.state, current.state);
      const names = (await parts.names?.(items)) ?? {};
      return baselinePlan(DRIFT_ACCEPT_PLANNER, intent, {
        title: `Accept the current state of "${current.state.name}" as its baseline`,
        changes: items.map((item): PlanChange => ({
          action: 'update',
          subject: describeDriftItem(item, names),
          detail: 'becomes the approved value',
        })),
        input: {
          policyId: baseline.policyId,
          policyName: current.state.name,
          mode: 'accept',
          expectedState: canonicalJson(current.state),
          ...(intent.episodeId ? { episodeId: intent.episodeId } : {}),
        },
      });
    },
  };
}

/** `watch "<policy>"`: a policy AttachOps did not make (or no longer watches) is adopted as it stands. */
export function createDriftWatchPlanner(parts: Parts): Planner {
  return {
    kind: DRIFT_WATCH_PLANNER,
    async plan(raw) {
      const intent = watchIntentSchema.parse(raw);
      const policy = await resolvePolicy(parts.policies, intent.policy, (id) => `watch ${id}`);
      const policyId = policy.id.toLowerCase();
      const current = await readCurrent(parts.reads, policyId);
      if (current === undefined) throw new UserFacingError('Policy not found', `"${intent.policy}" no longer exists.`);
      const watched = await parts.baselines.get(policyId);
      const same = watched !== undefined && policyDrift(watched.state, current.state).length === 0;
      const settings = Object.keys(current.state.settings).length;
      const targets = Object.keys(current.state.targets).length;
      return baselinePlan(DRIFT_WATCH_PLANNER, intent, {
        title: `Watch policy "${current.state.name}" for drift`,
        changes: [
          {
            action: same ? 'no-op' : 'add',
            subject: current.state.name,
            detail: same
              ? 'already watched, and it matches its baseline'
              : `its ${settings} settings and ${targets} assignments as they are now become its baseline`,
          },
        ],
        input: { policyId, policyName: current.state.name, mode: 'watch', expectedState: canonicalJson(current.state) },
      });
    },
  };
}

function baselinePlan(
  kind: string,
  intent: Record<string, unknown>,
  plan: { title: string; changes: PlanChange[]; input: DriftBaselineInput },
): ChangePlan {
  return {
    kind,
    title: plan.title,
    intent,
    changes: plan.changes,
    resources: [policyResource(plan.input.policyId)],
    scopeTargets: [[plan.input.policyName, plan.input.policyId]],
    steps: [{ kind: DRIFT_STEP_KINDS.baseline, title: plan.title, input: { ...plan.input } }],
  };
}
