import { z } from 'zod';
import { splitList } from '../../core/policies/create-flags.js';
import { createPolicyUnassignPlanner } from '../../core/policies/policy-unassign-planner.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const unassignCommand = defineCommand({
  name: 'unassign',
  summary: 'Plans taking a policy off groups or collections, keeping every other assignment exactly as it is.',
  usage: 'unassign "<policy name or id>" --from <group or collection>[,<more>]',
  examples: ['unassign "AV - Servers" --from PS100042', 'unassign "EDR - Windows" --from "Pilot,Kiosks"'],
  positionals: ['policy'],
  args: z.object({
    policy: z.string().trim().min(1).max(256),
    from: z.string().trim().min(1).max(2000),
  }),
  changesTenant: true,
  role: 'operator',
  async run({ policy, from }, context) {
    const tenant = requireTenant(context.services);
    const plan = await createPolicyUnassignPlanner(tenant).plan({ policy, from: splitList(from) });
    return requestChange(plan, context);
  },
});
