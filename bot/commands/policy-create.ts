import { z } from 'zod';
import { createIntentFromFlags } from '../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../core/policies/policy-create-planner.js';
import { PROFILE_IDS, profiles } from '../../core/policy/catalog/index.js';
import type { FlagDefinition } from '../../core/policy/catalog/profile-definition.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

/**
 * Every setting flag of every profile in the catalog, with the values its definition allows, so a wrong value is named
 * with the allowed ones when the words are bound; core checks again which flags fit the chosen profile and target.
 */
const settingFlags = Object.fromEntries(
  profiles.flatMap((profile) => profile.flags).map((flag) => [flag.key, flagSchema(flag)]),
);

function flagSchema(flag: FlagDefinition): z.ZodOptional<z.ZodType<string>> {
  switch (flag.kind) {
    case 'toggle':
      return z.enum(['on', 'off']).optional();
    case 'choice':
      return z.enum((flag.choices ?? []) as [string, ...string[]]).optional();
    case 'list':
    case 'text':
      return z.string().trim().min(1).max(4000).optional();
  }
}

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
