import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toPolicyDetailsView } from '../../cards/views/policy-details-view.js';
import { readPolicyOverview } from '../../core/policies/policy-overview.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const policyShowCommand = defineCommand({
  name: 'policy show',
  summary: 'Shows one endpoint security policy: its settings and its assignments.',
  usage: 'policy show <name|id>',
  examples: ['policy show "EDR - Windows"', 'policy show "AV - Servers"'],
  positionals: ['policy'],
  args: z.object({ policy: z.string().trim().min(1).max(256) }),
  changesTenant: false,
  role: 'reader',
  async run({ policy }, { services }) {
    return renderCard(
      'policy-details',
      toPolicyDetailsView(await readPolicyOverview(requireTenant(services), policy), services.clock.now()),
    );
  },
});
