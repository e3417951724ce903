import { z } from 'zod';
import type { Router } from '../http/router.js';
import { json, type SandboxResponse } from '../http/types.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { memberIndices } from '../world/collections.js';
import { resolveCollection } from '../world/compliance.js';

const fraction = z.number().min(0).max(1);
const outcomeSchema = z
  .object({
    collectionId: z.string().min(1).optional(),
    groupId: z.string().min(1).optional(),
    compliant: fraction,
    nonCompliant: fraction,
    failed: fraction,
    reportDelaySeconds: z.number().int().nonnegative().optional(),
  })
  .refine((body) => (body.collectionId === undefined) !== (body.groupId === undefined), {
    message: 'give exactly one of collectionId and groupId',
  })
  .refine((body) => body.compliant + body.nonCompliant + body.failed <= 1 + 1e-9, {
    message: 'compliant + nonCompliant + failed must be at most 1',
  });

const problem = (status: number, code: string, message: string): SandboxResponse =>
  json(status, { error: { code, message } });

/**
 * `POST /_sandbox/compliance/outcomes`: how the devices of a collection or group report once a policy reaches them
 * (fractions; the rest stay pending), so a rollout's gate passes or fails on demand on the simulated clock.
 * `DELETE` forgets every outcome set (devices report as the seed decides again).
 */
export function registerComplianceControlRoutes(router: Router, state: SandboxState): void {
  router.on('POST', '/_sandbox/compliance/outcomes', (req) => {
    const parsed = outcomeSchema.safeParse(req.body ?? {});
    if (!parsed.success) return problem(400, 'InvalidBody', z.prettifyError(parsed.error));
    const { collectionId, groupId, ...outcome } = parsed.data;
    const world = state.world;
    let indices: number[];
    if (collectionId !== undefined) {
      const collection = resolveCollection(world, collectionId);
      if (!collection) return problem(404, 'NotFound', `no collection ${collectionId}`);
      indices = [...memberIndices(collection)];
    } else {
      if (!world.directory.group(groupId ?? '')) return problem(404, 'NotFound', `no group ${groupId ?? ''}`);
      indices = world.directory.transitiveDevicesOf(groupId ?? '').map((device) => device.cmIndex);
    }
    const devices = world.complianceOutcomes.set(indices, outcome);
    return json(200, { devices, ...outcome });
  });
  router.on('DELETE', '/_sandbox/compliance/outcomes', () => {
    state.world.complianceOutcomes.clear();
    return { status: 204 };
  });
}
