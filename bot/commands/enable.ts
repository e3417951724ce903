import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { ambiguousCollectionNotice } from '../../core/workflow/ambiguous-collection.js';
import { requireDeviceCollection, resolveCollection } from '../../core/workflow/resolve-collection.js';
import { enableRunRequest } from '../../core/workflow/run-requests.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { type CommandContext, defineCommand } from './command.js';
import { requireTenant } from './require-tenant.js';

export const enableCommand = defineCommand({
  name: 'enable',
  summary: 'Makes a device collection available for Intune endpoint security policies, guiding the console steps.',
  usage: 'enable <collection>',
  examples: ['enable PS100042', 'enable "All Windows 11 Devices"'],
  positionals: ['collection'],
  args: z.object({ collection: z.string().trim().min(1).max(256) }),
  changesTenant: false,
  role: 'operator',
  async run({ collection: typed }, context) {
    return startEnable(typed, context);
  },
});

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
