import { z } from 'zod';

const names = z.array(z.string().trim().min(1).max(256));

/** What `rollout` asks for, as stored in a change plan: the policy, the rings as typed, the gate, the soak, the mode. */
export const rolloutIntentSchema = z.object({
  policy: z.string().trim().min(1).max(256),
  rings: z.array(z.object({ name: z.string().trim().min(1).max(64), to: names.min(1) })).min(1),
  /** The gate as typed (parsed again when planned, so a bad rule is a card, never a stored run). */
  gate: z.string().trim().min(1).max(500),
  soak: z.string().trim().min(1).max(16),
  /** `auto`: the next ring follows a gate that holds; `approve-each`: someone other than the requester approves it. */
  mode: z.enum(['auto', 'approve-each']),
  filter: z.string().trim().min(1).max(256).optional(),
  filterMode: z.enum(['include', 'exclude']).optional(),
});

export type RolloutIntent = z.infer<typeof rolloutIntentSchema>;
