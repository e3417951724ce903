import { z } from 'zod';
import { scheduleSchema } from './schedule.js';

export const subscriptionSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  schedule: scheduleSchema,
  /** Empty: every AttachOps-managed policy at the time of each post. */
  policies: z.array(z.object({ id: z.string(), name: z.string() })),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** When the last post was attempted; the next run is the first slot after it. */
  lastRunAt: z.string().optional(),
  state: z.enum(['active', 'paused']),
  pausedReason: z.string().optional(),
});

/** A conversation's standing order for compliance summaries. */
export type Subscription = z.infer<typeof subscriptionSchema>;
