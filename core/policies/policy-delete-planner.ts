import type { ChangePlan, PlanChange, Planner } from '../approvals/change-plan.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { describeTargets } from './describe-targets.js';
import { resolvePolicy } from './find-policy.js';
import { POLICY_STEP_KINDS, policyResource } from './policy-step-kinds.js';
import { type PolicyDeleteIntent, policyDeleteIntentSchema } from './policy-delete-intent.js';
import { describeKind } from './setting-labels.js';

export const POLICY_DELETE_PLANNER = 'policy-delete';

/**
 * `policy delete`: refused while the policy is assigned unless --unassign (its assignments go with it), and for a
 * policy AttachOps did not make unless --force (admins only, checked by the command). The plan shows every assignment
 * that goes and the devices it reaches (collections).
 */
export function createPolicyDeletePlanner(
  services: Pick<TenantServices, 'policies' | 'directory' | 'configMgr'>,
): Planner {
  return {
    kind: POLICY_DELETE_PLANNER,
    async plan(raw) {
      const intent = parseIntent(raw);
      const policy = await resolvePolicy(services.policies, intent.policy, (id) => `policy delete ${id}`);
      if (!policy.managedByAttachOps && !intent.force) {
        throw new UserFacingError(
          'AttachOps did not make this policy',
          `"${policy.name}" was made outside AttachOps, so AttachOps does not delete it.`,
          'Delete it in the Microsoft Intune admin center, or an AttachOps admin can add --force.',
        );
      }
      const targets = await describeTargets(services, policy.assignments);
      if (targets.length > 0 && !intent.unassign) {
        throw new UserFacingError(
          'The policy is assigned',
          `"${policy.name}" is assigned to ${targets.map((planned) => planned.label).join('; ')}.`,
          `Add --unassign to delete it with its assignments, or take them off first with unassign "${policy.name}" --from <target>.`,
        );
      }
      const devices = targets.reduce((sum, planned) => sum + (planned.devices ?? 0), 0);
      const changes: PlanChange[] = [
        { action: 'remove', subject: policy.name, detail: `${describeKind(policy.kind)}: deleted` },
        ...targets.map((planned): PlanChange => ({
          action: 'remove',
          subject: planned.label,
          detail: 'no longer assigned (goes with the policy)',
          ...(planned.devices === undefined ? {} : { devices: planned.devices }),
        })),
        ...(targets.length > 0
          ? [
              {
                action: 'remove' as const,
                subject: 'Devices affected',
                detail: targets.some((planned) => planned.devices === undefined)
                  ? `${devices} in the collections; group members are not counted`
                  : `${devices}`,
              },
            ]
          : []),
      ];
      return {
        kind: POLICY_DELETE_PLANNER,
        title: `Delete policy "${policy.name}"${targets.length > 0 ? ` and its ${targets.length} assignments` : ''}`,
        intent,
        changes,
        resources: [policyResource(policy.id)],
        scopeTargets: [[policy.name]],
        steps: [
          {
            kind: POLICY_STEP_KINDS.delete,
            title: `Delete policy ${policy.name}`,
            input: { policyId: policy.id, name: policy.name },
          },
        ],
      } satisfies ChangePlan;
    },
  };
}

function parseIntent(raw: unknown): PolicyDeleteIntent {
  const parsed = policyDeleteIntentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`malformed policy-delete intent: ${parsed.error.message}`);
  return parsed.data;
}
