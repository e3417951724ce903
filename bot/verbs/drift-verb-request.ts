import { z } from 'zod';
import type { DriftCardStatus } from '../../cards/views/drift-view.js';
import { DriftEpisodes } from '../../core/drift/drift-episodes.js';
import { newEpisodeId } from '../../core/drift/drift-services.js';
import { requestChange } from '../commands/request-change.js';
import type { VerbAnswer, VerbContext } from './verb.js';
import { DriftCardStore } from '../drift/drift-card-store.js';
import { driftCard } from '../drift/drift-cards.js';

/** The drift card's buttons carry the episode only; everything else is read from storage and the tenant. */
export const driftActionData = z.object({ episodeId: z.string().min(1).max(64) });

/**
 * Revert, Recreate and Accept: the episode is looked up on the server (the card's data names it and nothing more),
 * the plan is made from the stored baseline and the tenant as read now, and it goes to a second person like every
 * change request. The clicked card then says who asked.
 */
export async function requestDriftChange(
  episodeId: string,
  plannerKind: string,
  requested: DriftCardStatus['kind'] & ('revert-requested' | 'accept-requested'),
  context: VerbContext,
): Promise<VerbAnswer> {
  const { services, actor } = context;
  const cards = new DriftCardStore(services.storage);
  const record = await cards.get(episodeId);
  if (record === undefined) return { note: 'This drift card is not known to AttachOps.' };
  const episode = await new DriftEpisodes(services.storage, newEpisodeId).get(record.input.policyId);
  if (episode?.id !== episodeId) {
    return {
      note: `This drift episode is over: ${record.input.policyName} matches a baseline again or is no longer watched.`,
    };
  }
  const planner = services.planners.find((candidate) => candidate.kind === plannerKind);
  if (planner === undefined) return { note: 'The drift watch is not set up on this AttachOps.' };
  const plan = await planner.plan({ policyId: record.input.policyId, episodeId });
  const nothing = await requestChange(plan, context);
  if (nothing !== undefined) return { note: `${plan.title}: the tenant already matches.` };
  const now = services.clock.now();
  const changed = await cards.change(episodeId, (current) => ({
    ...current,
    input: { ...current.input, status: { kind: requested, by: actor.name, at: now.toISOString() } },
  }));
  return changed === undefined ? { note: 'Asked for approval.' } : driftCard(changed.input, now);
}
