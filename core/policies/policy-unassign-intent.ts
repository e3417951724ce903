import { z } from 'zod';

/** What `unassign` asks for, as stored in a change plan and planned again at approval time. */
export const policyUnassignIntentSchema = z.object({
  policy: z.string().trim().min(1).max(256),
  /** Group or collection names or ids as typed; matched against what the policy has. */
  from: z.array(z.string().trim().min(1)).min(1),
});

export type PolicyUnassignIntent = z.infer<typeof policyUnassignIntentSchema>;
