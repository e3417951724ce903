import { z } from 'zod';
import { createPolicyDeletePlanner } from '../../core/policies/policy-delete-planner.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const policyDeleteCommand = defineCommand({
  name: 'policy delete',
  summary: 'Plans deleting a policy AttachOps made; refused while it is assigned unless --unassign.',
  usage: 'policy delete "<policy name or id>" [--unassign] [--force (admins: a policy made outside AttachOps)]',
  examples: ['policy delete "EDR pilot"', 'policy delete "AV - Servers" --unassign'],
  positionals: ['policy'],
  args: z.object({
    policy: z.string().trim().min(1).max(256),
    unassign: z.boolean().optional(),
    force: z.boolean().optional(),
  }),
  changesTenant: true,
  role: 'operator',
  async run({ policy, unassign, force }, context) {
    if (force && !context.access.may('admin')) {
      throw new UserFacingError(
        '--force needs the admin role',
        'Deleting a policy made outside AttachOps is for AttachOps admins.',
        'Ask an AttachOps admin, or delete it in the Microsoft Intune admin center.',
      );
    }
    const tenant = requireTenant(context.services);
    const plan = await createPolicyDeletePlanner(tenant).plan({
      policy,
      unassign: unassign ?? false,
      force: force ?? false,
    });
    return requestChange(plan, context);
  },
});
