import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { ambiguousCollectionNotice } from '../../core/workflow/ambiguous-collection.js';
import { requireDeviceCollection, resolveCollection } from '../../core/workflow/resolve-collection.js';
import { enableRunRequest } from '../../core/workflow/run-requests.js';
import type { CommandContext } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

/** Starts the enable run for a typed collection (the enable command and the collections card's Enable button). */
export async function startEnable(typed: string, context: CommandContext): Promise<AdaptiveCard> {
  const tenant = requireTenant(context.services);
  const resolution = await resolveCollection(tenant.configMgr, typed);
  if (resolution.kind === 'ambiguous')
    return renderCard('notice', ambiguousCollectionNotice(resolution.name, resolution.matches, 'enable'));
  const collection = requireDeviceCollection(resolution.collection);
  await context.access.requireScope([[collection.id, collection.name]], `enable ${collection.id}`);
  const run = await context.services.runs.start(
    enableRunRequest(collection, { requestedBy: context.actor, conversationId: context.conversation.id }),
  );
  return renderCard('notice', {
    title: `Started run ${run.id}: ${run.title}`,
    message: `I check the upload scope and the hierarchy, then show the console steps for ${collection.name} (${collection.id}). Follow the progress card here, or type run ${run.id}.`,
  });
}
