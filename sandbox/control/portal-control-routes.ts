import { z } from 'zod';
import type { Router } from '../http/router.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { json, type SandboxResponse } from '../http/types.js';
import { targetKey } from '../world/policy-store.js';

const editSchema = z
  .object({
    description: z.string().optional(),
    /** A Microsoft Entra group the policy is assigned to as well (an include target). */
    addGroupId: z.string().min(1).optional(),
  })
  .strict()
  .refine((edit) => edit.description !== undefined || edit.addGroupId !== undefined, 'Nothing to change.');
const problem = (status: number, code: string, message: string): SandboxResponse =>
  json(status, { error: { code, message } });

/**
 * What another admin does to a policy in the Intune admin center, bypassing every gate: used to change the entity
 * behind a pending Multi Admin Approval request, so that a days-old replay would undo it (maa.md "Stale replays").
 * Sandbox choice: the real tenant locks an entity with a pending request; the change stands for one made before the
 * lock was seen, or through a route no access policy covers.
 */
export function registerPortalControlRoutes(router: Router, state: SandboxState): void {
  router.on('POST', '/_sandbox/portal/policies/:id/edit', (req, p) => {
    const parsed = editSchema.safeParse(req.body ?? {});
    if (!parsed.success) return problem(400, 'InvalidBody', z.prettifyError(parsed.error));
    const world = state.world;
    const policy = world.policies.get(p.id ?? '');
    if (!policy) return problem(404, 'NotFound', `No policy ${p.id ?? ''}.`);
    const { description, addGroupId } = parsed.data;
    if (addGroupId !== undefined && !world.directory.group(addGroupId)) {
      return problem(404, 'GroupNotFound', `No group ${addGroupId}.`);
    }
    if (description !== undefined) policy.properties.description = description;
    if (addGroupId !== undefined) {
      const target = { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: addGroupId };
      const key = targetKey(target);
      if (!policy.assignments.some((assignment) => targetKey(assignment.target) === key)) {
        policy.assignments = [...policy.assignments, { id: `${policy.id}_${addGroupId}`, target }];
        if (!policy.targetAssignedAtMs.has(key)) policy.targetAssignedAtMs.set(key, world.clock.nowMs());
      }
    }
    policy.properties.lastModifiedDateTime = world.clock.nowIso();
    return json(200, { id: policy.id, lastModifiedDateTime: policy.properties.lastModifiedDateTime });
  });
}
