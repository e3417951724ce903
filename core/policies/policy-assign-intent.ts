import { z } from 'zod';

const names = z.array(z.string().trim().min(1).max(256));

/** What `assign` asks for, as stored in a change plan: the policy and the targets as typed. */
export const policyAssignIntentSchema = z.object({
  policy: z.string().trim().min(1).max(256),
  to: names.min(1),
  exclude: names.default([]),
  /** An assignment filter (name or id) for the targets in `to`, and how it narrows them. */
  filter: z.string().trim().min(1).max(256).optional(),
  filterMode: z.enum(['include', 'exclude']).optional(),
});

export type PolicyAssignIntent = z.infer<typeof policyAssignIntentSchema>;
