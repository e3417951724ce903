import { z } from 'zod';
import { createPolicyRenamePlanner } from '../../core/policies/policy-rename-planner.js';
import { policyNameSchema } from '../../core/policy/policy-draft.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

export const policyRenameCommand = defineCommand({
  name: 'policy rename',
  summary: 'Plans giving a policy AttachOps made a new name; its settings and assignments stay.',
  usage: 'policy rename "<policy name or id>" --name "<new name>" [--force (admins: a policy made outside AttachOps)]',
  examples: ['policy rename "EDR pilot" --name "EDR - Workstations"'],
  positionals: ['policy'],
  args: z.object({
    policy: z.string().trim().min(1).max(256),
    name: policyNameSchema,
    force: z.boolean().optional(),
  }),
  changesTenant: true,
  role: 'operator',
  async run({ policy, name, force }, context) {
    if (force && !context.access.may('admin')) {
      throw new UserFacingError(
        '--force needs the admin role',
        'Renaming a policy made outside AttachOps is for AttachOps admins.',
        'Ask an AttachOps admin, or rename it in the Microsoft Intune admin center.',
      );
    }
    const tenant = requireTenant(context.services);
    const plan = await createPolicyRenamePlanner(tenant).plan({ policy, name, force: force ?? false });
    return requestChange(plan, context);
  },
});
