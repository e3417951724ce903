import { z } from 'zod';
import { policyNameSchema } from '../policy/policy-draft.js';

/** What `policy rename` asks for, as stored in a change plan and planned again at approval time. */
export const policyRenameIntentSchema = z.object({
  policy: z.string().trim().min(1).max(256),
  /** The new name. */
  name: policyNameSchema,
  /** Rename a policy AttachOps did not make; the command allows it to admins only. */
  force: z.boolean().default(false),
});

export type PolicyRenameIntent = z.infer<typeof policyRenameIntentSchema>;
