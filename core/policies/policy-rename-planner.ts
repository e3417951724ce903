import type { ChangePlan, Planner } from '../approvals/change-plan.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { policiesNamed, resolvePolicy } from './find-policy.js';
import { POLICY_STEP_KINDS, policyNameResource, policyResource } from './policy-step-kinds.js';
import { type PolicyRenameIntent, policyRenameIntentSchema } from './policy-rename-intent.js';
import { describeKind } from './setting-labels.js';

export const POLICY_RENAME_PLANNER = 'policy-rename';

/**
 * `policy rename`: one policy gets a new name; its settings, description and assignments stay. Intune lets two
 * policies share a name, but every AttachOps command finds a policy by its name ("<policy>"), so a name another
 * policy already has (ignoring case and surrounding spaces, as the lookups do) is refused, naming that policy. A
 * policy AttachOps did not make is renamed only with --force (admins, checked by the command).
 */
export function createPolicyRenamePlanner(services: Pick<TenantServices, 'policies'>): Planner {
  return {
    kind: POLICY_RENAME_PLANNER,
    async plan(raw) {
      const intent = parseIntent(raw);
      const policy = await resolvePolicy(services.policies, intent.policy, (id) => `policy rename ${id} --name "…"`);
      if (!policy.managedByAttachOps && !intent.force) {
        throw new UserFacingError(
          'AttachOps did not make this policy',
          `"${policy.name}" was made outside AttachOps, so AttachOps does not rename it.`,
          'Rename it in the Microsoft Intune admin center, or an AttachOps admin can add --force.',
        );
      }
      if (policy.name === intent.name) {
        throw new UserFacingError(
          'Nothing to rename',
          `The policy is already named "${policy.name}".`,
          'Type the new name after --name.',
        );
      }
      const holder = (await policiesNamed(services.policies, intent.name)).find((other) => other.id !== policy.id);
      if (holder) {
        throw new UserFacingError(
          `Another policy is already named "${holder.name}"`,
          `"${holder.name}" (${describeKind(holder.kind)}${holder.managedByAttachOps ? ', managed by AttachOps' : ', made outside AttachOps'}) has that name. Intune allows two policies with one name, but then "${intent.name}" would no longer tell AttachOps which policy a command means.`,
          `Choose another --name, or rename or delete the other policy first (type policy show "${holder.name}").`,
        );
      }
      return {
        kind: POLICY_RENAME_PLANNER,
        title: `Rename policy "${policy.name}" to "${intent.name}"`,
        intent,
        changes: [
          {
            action: 'update',
            subject: 'Name',
            detail: `${policy.name} -> ${intent.name} (${describeKind(policy.kind)}; settings and assignments stay)`,
          },
        ],
        resources: [policyResource(policy.id), policyNameResource(intent.name)],
        scopeTargets: [[policy.name, intent.name]],
        steps: [
          {
            kind: POLICY_STEP_KINDS.rename,
            title: `Rename policy ${policy.name} to ${intent.name}`,
            input: { policyId: policy.id, from: policy.name, to: intent.name },
          },
        ],
      } satisfies ChangePlan;
    },
  };
}

function parseIntent(raw: unknown): PolicyRenameIntent {
  const parsed = policyRenameIntentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`malformed policy-rename intent: ${parsed.error.message}`);
  return parsed.data;
}
