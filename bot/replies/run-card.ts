import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toRunProgressView } from '../../cards/views/run-view.js';
import type { CallerAccess } from '../../core/access/access-control.js';
import { sameObjectId } from '../../core/identity/object-id.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';

export const runActionData = z.object({ runId: z.string().regex(/^r-[a-z0-9]{4,20}$/) });

/** The run's card as the caller should see it: Verify for operators, Retry and Cancel for its owner or an admin. */
export function runCard(run: RunRecord, services: AppServices, access: CallerAccess): AdaptiveCard {
  const owner = sameObjectId(access.actor.aadObjectId, run.requestedBy.aadObjectId) || access.may('admin');
  return renderCard(
    'run-progress',
    toRunProgressView(run, services.clock.now(), {
      viewer: { operator: access.may('operator'), owner: owner && access.may('operator') },
    }),
  );
}

/** Cancel and Retry belong to the person who asked for the run (or an admin); decided on the stored run. */
export function requireRequester(run: RunRecord, access: CallerAccess, action: string): void {
  const actor = access.actor;
  if (sameObjectId(actor.aadObjectId, run.requestedBy.aadObjectId)) return;
  if (access.may('admin')) return;
  throw new UserFacingError(
    `Only ${run.requestedBy.name} can ${action} this run`,
    `Run ${run.id} was requested by ${run.requestedBy.name}.`,
    `Ask ${run.requestedBy.name}, or an AttachOps admin, to ${action} it.`,
  );
}
