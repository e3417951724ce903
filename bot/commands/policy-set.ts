import { z } from 'zod';
import { createPolicyCreatePlanner } from '../../core/policies/policy-create-planner.js';
import { policySetIntent } from '../../core/policies/policy-set-intent.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';
import { settingFlags } from './setting-flags.js';

export const policySetCommand = defineCommand({
  name: 'policy set',
  summary: 'Plans changing one or more settings of a policy AttachOps made; the plan shows each old and new value.',
  usage:
    'policy set "<policy name or id>" --<setting> <value> [--<setting> <value> …] (settings: help policy create <profile>)',
  examples: [
    'policy set "EDR - Windows" --sample-sharing none',
    'policy set "Firewall - Servers" --public-inbound block',
  ],
  positionals: ['policy'],
  args: z.object({ policy: z.string().trim().min(1).max(256), ...settingFlags }),
  changesTenant: true,
  role: 'operator',
  async run({ policy, ...settings }, context) {
    const tenant = requireTenant(context.services);
    const intent = await policySetIntent(tenant.policies, policy, settings as Record<string, string | undefined>);
    const plan = await createPolicyCreatePlanner(tenant).plan(intent);
    return requestChange(plan, context);
  },
});
