import type { ChangePlan, PlanChange, Planner } from '../approvals/change-plan.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { describeFilter, type FilterNames, filterNames, readFilters } from './assignment-filters.js';
import { describeTargets } from './describe-targets.js';
import { resolvePolicy } from './find-policy.js';
import { targetAliases, type PlannedTarget } from './planned-target.js';
import { POLICY_STEP_KINDS, policyResource } from './policy-step-kinds.js';
import { type PolicyUnassignIntent, policyUnassignIntentSchema } from './policy-unassign-intent.js';

export const POLICY_UNASSIGN_PLANNER = 'policy-unassign';

type UnassignServices = Pick<TenantServices, 'policies' | 'directory' | 'configMgr'>;

/**
 * `unassign`: Graph's assign replaces the whole set, so the plan reads what the policy has, and the step sends back
 * every other assignment exactly as read (filters included, graph-intune.md §11.2). The plan shows what stays, what
 * goes and how many devices lose the policy where the count is known (collections).
 */
export function createPolicyUnassignPlanner(services: UnassignServices): Planner {
  return {
    kind: POLICY_UNASSIGN_PLANNER,
    async plan(raw) {
      const intent = parseIntent(raw);
      const policy = await resolvePolicy(
        services.policies,
        intent.policy,
        (id) => `unassign ${id} --from ${intent.from.join(',')}`,
      );
      const [current, filters] = await Promise.all([
        describeTargets(services, policy.assignments),
        readFilters(services.policies, policy.assignments, {}),
      ]);
      const removed = current.filter((planned) => intent.from.some((text) => matches(planned, text)));
      const unmatched = intent.from.filter((text) => !current.some((planned) => matches(planned, text)));
      if (unmatched.length > 0) {
        throw new UserFacingError(
          unmatched.length === 1 ? 'Not assigned to that target' : 'Not assigned to those targets',
          `"${policy.name}" is not assigned to ${unmatched.map((text) => `"${text}"`).join(', ')}. It has: ${
            current.map((planned) => planned.label).join('; ') || 'no assignments'
          }.`,
          `Name a group or collection the policy has, by name or id: type policy show "${policy.name}" to see them.`,
        );
      }
      const kept = current.filter((planned) => !removed.includes(planned));
      const names = filterNames(filters);
      const losing = removed.reduce((sum, planned) => sum + (planned.devices ?? 0), 0);
      const unknownCount = removed.some((planned) => planned.devices === undefined);
      return {
        kind: POLICY_UNASSIGN_PLANNER,
        title: `Unassign "${policy.name}" (${removed.length} removed, ${kept.length} ${kept.length === 1 ? 'stays' : 'stay'})`,
        intent,
        changes: [
          ...removed.map((planned) => line('remove', planned, names)),
          ...kept.map((planned) => line('keep', planned, names)),
          {
            action: 'remove',
            subject: 'Devices losing the policy',
            detail: unknownCount
              ? `${losing} in the collections removed; group members are not counted`
              : `${losing} (members of the collections removed; a device another target still reaches keeps it)`,
          },
        ],
        resources: [policyResource(policy.id)],
        scopeTargets: [[policy.name], ...removed.map(targetAliases)],
        steps: [
          {
            kind: POLICY_STEP_KINDS.unassign,
            title: `Unassign ${policy.name}`,
            input: { policyId: policy.id, remove: removed.map((planned) => planned.target) },
          },
        ],
      } satisfies ChangePlan;
    },
  };
}

function parseIntent(raw: unknown): PolicyUnassignIntent {
  const parsed = policyUnassignIntentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`malformed policy-unassign intent: ${parsed.error.message}`);
  return parsed.data;
}

/** A typed name or id names a target when it is one of the target's names (case-insensitive). */
function matches(planned: PlannedTarget, text: string): boolean {
  const wanted = text.trim().toLowerCase();
  return targetAliases(planned).some((alias) => alias.toLowerCase() === wanted);
}

function line(action: 'keep' | 'remove', planned: PlannedTarget, names: FilterNames): PlanChange {
  const filter = describeFilter(planned.target.filter, names);
  const detail = action === 'keep' ? 'stays exactly as it is' : 'no longer assigned';
  return {
    action,
    subject: planned.label,
    detail: filter === '' ? detail : `${detail}, ${filter}`,
    ...(planned.devices === undefined ? {} : { devices: planned.devices }),
  };
}
