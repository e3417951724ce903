import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { ambiguousCollectionNotice } from '../../core/workflow/ambiguous-collection.js';
import { gatewayProblem, toUserFacingError } from '../../core/workflow/problems.js';
import { requireDeviceCollection, resolveCollection } from '../../core/workflow/resolve-collection.js';
import { attachRunRequest } from '../../core/workflow/run-requests.js';
import type { AttachScope } from '../../core/workflow/tenant-attach-guidance.js';
import { describeScope } from '../../core/workflow/upload-scope.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const attachCommand = defineCommand({
  name: 'attach',
  summary: 'Guides a Global Administrator through tenant attach and checks it took effect.',
  usage: 'attach [--scope all|<collection>]',
  examples: ['attach', 'attach --scope all', 'attach --scope "All Windows 11 Devices"', 'attach --scope PS100042'],
  positionals: [],
  args: z.object({ scope: z.string().trim().min(1).max(256).optional() }),
  changesTenant: false,
  role: 'operator',
  async run({ scope }, context) {
    await context.access.requireUnlimited('attach');
    const tenant = requireTenant(context.services);
    const state = await tenant.configMgr.getTenantAttachState();
    if (!state.ok) throw toUserFacingError(gatewayProblem(state.error, 'read the tenant attach state'));
    if (state.value.attached === true) {
      const to = state.value.tenantName ?? state.value.tenantId;
      return renderCard('notice', {
        title: 'Already tenant attached',
        message: `The hierarchy already uploads to the Microsoft Endpoint Manager admin center${to ? ` (tenant ${to})` : ''}; upload scope: ${describeScope(state.value.uploadScope)}. Type enable <collection> to make a collection available for endpoint security policies.`,
      });
    }
    const resolved = await resolveScope(tenant, scope);
    if (resolved.kind === 'ambiguous') return resolved.card;
    const run = await context.services.runs.start(
      attachRunRequest(resolved.scope, { requestedBy: context.actor, conversationId: context.conversation.id }),
    );
    return renderCard('notice', {
      title: `Started run ${run.id}: ${run.title}`,
      message: `I check that you are a Global Administrator, then show the console steps. Follow the progress card here, or type run ${run.id}.`,
    });
  },
});

async function resolveScope(
  tenant: TenantServices,
  scope: string | undefined,
): Promise<{ kind: 'scope'; scope: AttachScope } | { kind: 'ambiguous'; card: AdaptiveCard }> {
  if (scope === undefined || scope.toLowerCase() === 'all') return { kind: 'scope', scope: { kind: 'all' } };
  const resolution = await resolveCollection(tenant.configMgr, scope);
  if (resolution.kind === 'ambiguous') {
    return {
      kind: 'ambiguous',
      card: renderCard('notice', ambiguousCollectionNotice(resolution.name, resolution.matches, 'attach --scope')),
    };
  }
  const collection = requireDeviceCollection(resolution.collection);
  return { kind: 'scope', scope: { kind: 'collection', id: collection.id, name: collection.name } };
}
