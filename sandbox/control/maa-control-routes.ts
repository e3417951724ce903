import { z } from 'zod';
import { mayDecide, requestJson } from '../graph/maa-routes.js';
import type { Router } from '../http/router.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { json, type SandboxResponse } from '../http/types.js';

const decisionSchema = z.object({ approver: z.string().min(1), justification: z.string().default('') });
const problem = (status: number, code: string, message: string): SandboxResponse =>
  json(status, { error: { code, message } });

/**
 * What an Intune admin does in the admin center's Multi Admin Approval page (maa.md: only an interactive admin in the
 * access policy's approver group can decide; an application never can, so there is no Graph route for it here).
 */
export function registerMaaControlRoutes(router: Router, state: SandboxState): void {
  router.on('GET', '/_sandbox/maa/requests', () => {
    const world = state.world;
    const requests = world.approvals.all(world.clock.nowMs());
    return json(200, {
      requests: requests.map((r) => ({ ...requestJson(r, state.maaDialect), hidden: r.hidden === true })),
    });
  });
  /**
   * The request vanishes from Graph reads (by id, list, filter) while it still locks its entity and can be decided:
   * a request the client cannot find (maa.md "Finding the request": never read "not found" as cancelled).
   */
  router.on('POST', '/_sandbox/maa/requests/:id/hide', (_req, p) => {
    const world = state.world;
    const request = world.approvals.stored(p.id ?? '', world.clock.nowMs());
    if (!request) return problem(404, 'NotFound', `No Multi Admin Approval request ${p.id ?? ''}.`);
    request.hidden = true;
    return json(200, { id: request.id, hidden: true });
  });
  for (const verb of ['approve', 'reject'] as const) {
    router.on('POST', `/_sandbox/maa/requests/:id/${verb}`, (req, p) => {
      const parsed = decisionSchema.safeParse(req.body ?? {});
      if (!parsed.success) return problem(400, 'InvalidBody', z.prettifyError(parsed.error));
      const world = state.world;
      const request = world.approvals.stored(p.id ?? '', world.clock.nowMs());
      if (!request) return problem(404, 'NotFound', `No Multi Admin Approval request ${p.id ?? ''}.`);
      const user = world.directory.user(parsed.data.approver);
      if (!user) return problem(404, 'UserNotFound', `No user ${parsed.data.approver}.`);
      if (!mayDecide(world, user.id)) {
        return problem(403, 'NotAnApprover', `${user.displayName} is not in the access policy's approver group.`);
      }
      if (request.status !== 'needsApproval') {
        return problem(409, 'NotPending', `Request ${request.id} is ${request.status}; it can no longer be decided.`);
      }
      if (verb === 'reject' && parsed.data.justification.trim() === '') {
        return problem(400, 'JustificationRequired', 'Rejecting needs a justification.');
      }
      world.approvals.decide(request, verb === 'approve' ? 'approved' : 'rejected', {
        userId: user.id,
        displayName: user.displayName,
        justification: parsed.data.justification,
        at: world.clock.nowIso(),
      });
      return json(200, requestJson(request, state.maaDialect));
    });
  }
}
