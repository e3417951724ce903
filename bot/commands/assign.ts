import { z } from 'zod';
import { splitList } from '../../core/policies/create-flags.js';
import { createPolicyAssignPlanner } from '../../core/policies/policy-assign-planner.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const assignCommand = defineCommand({
  name: 'assign',
  summary:
    'Plans assigning an endpoint security policy to Azure AD groups or ConfigMgr collections, keeping what it has.',
  usage:
    'assign "<policy name or id>" --to <group or collection>[,<more>] [--exclude <group>[,<more>]] ' +
    '[--filter "<assignment filter>" [--filter-mode include|exclude]]',
  examples: [
    // Collections and groups of the sandbox tenant, so every example can be tried as it stands.
    'assign "EDR pilot" --to "All Windows 10 Workstations"',
    'assign "AV - Servers" --to PS100042,PS100013',
    'assign "EDR pilot" --to SG-All-Workstations --exclude SG-Finance',
    'assign "EDR - Servers" --to PS100042 --filter "Windows 11 devices" --filter-mode include',
  ],
  positionals: ['policy'],
  args: z.object({
    policy: z.string().trim().min(1).max(256),
    to: z.string().trim().min(1).max(2000),
    exclude: z.string().trim().min(1).max(2000).optional(),
    filter: z.string().trim().min(1).max(256).optional(),
    filterMode: z.enum(['include', 'exclude']).optional(),
  }),
  changesTenant: true,
  role: 'operator',
  async run({ policy, to, exclude, filter, filterMode }, context) {
    const tenant = requireTenant(context.services);
    const plan = await createPolicyAssignPlanner(tenant).plan({
      policy,
      to: splitList(to),
      exclude: exclude === undefined ? [] : splitList(exclude),
      ...(filter === undefined ? {} : { filter }),
      ...(filterMode === undefined ? {} : { filterMode }),
    });
    return requestChange(plan, context);
  },
});
