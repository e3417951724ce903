import { z } from 'zod';

/** What `policy delete` asks for, as stored in a change plan and planned again at approval time. */
export const policyDeleteIntentSchema = z.object({
  policy: z.string().trim().min(1).max(256),
  /** Delete an assigned policy too (its assignments go with it). */
  unassign: z.boolean().default(false),
  /** Delete a policy AttachOps did not make; the command allows it to admins only. */
  force: z.boolean().default(false),
});

export type PolicyDeleteIntent = z.infer<typeof policyDeleteIntentSchema>;
