import { z } from 'zod';
import { createIntentFromFlags } from '../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../core/policies/policy-create-planner.js';
import { PROFILE_IDS } from '../../core/policy/catalog/index.js';
import { settingFlags } from './setting-flags.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const policyCreateCommand = defineCommand({
  name: 'policy create',
  summary: 'Plans a new endpoint security policy for Intune groups or ConfigMgr collections; someone else approves it.',
  usage:
    `policy create <${PROFILE_IDS.join('|')}> --target <intune|configmgr> --name "<name>" [--description "<text>"] ` +
    '[Intune only: --scope-tags "<tag>,<tag>"] [the profile\'s settings: help policy create <profile>]',
  examples: [
    'policy create edr --target intune --name "EDR - Windows" --sample-sharing all --scope-tags "Default,Paris"',
    'policy create antivirus --target configmgr --name "AV - Servers" --real-time-monitoring on --disable-restore-point off',
    'policy create firewall --target configmgr --name "Firewall - Servers" --domain-firewall on --domain-inbound block',
  ],
  positionals: ['profile'],
  args: z.object({
    profile: z.enum(PROFILE_IDS as [string, ...string[]]),
    target: z.enum(['intune', 'configmgr']),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(1000).optional(),
    scopeTags: z.string().trim().min(1).max(1000).optional(),
    ...settingFlags,
  }),
  changesTenant: true,
  role: 'operator',
  async run(args, context) {
    const tenant = requireTenant(context.services);
    const plan = await createPolicyCreatePlanner(tenant).plan(createIntentFromFlags(args));
    return requestChange(plan, context);
  },
});
