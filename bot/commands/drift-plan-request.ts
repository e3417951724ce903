import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import type { CommandContext } from '../context/command-context.js';
import { requestChange } from './request-change.js';

/** `watch` and `unwatch`: planned by the drift planner of that kind, then approved by a second person. */
export async function requestDriftPlan(
  plannerKind: string,
  intent: Record<string, unknown>,
  context: CommandContext,
): Promise<AdaptiveCard | undefined> {
  const planner = context.services.planners.find((candidate) => candidate.kind === plannerKind);
  if (planner === undefined) {
    throw new UserFacingError(
      'No tenant to watch',
      'AttachOps has no Intune tenant configured, so nothing is watched.',
    );
  }
  return requestChange(await planner.plan(intent), context);
}
