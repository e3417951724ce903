import { z } from 'zod';
import { gateInputSchema } from './rollout-steps.js';

const countsSchema = z.object({
  targeted: z.number(),
  compliant: z.number(),
  nonCompliant: z.number(),
  failed: z.number(),
  pending: z.number(),
  enforced: z.number(),
});

/** The wait's state: the gate step's input, when the ring was assigned, and the figures of the last look after soak. */
export const rolloutGateStateSchema = gateInputSchema.extend({
  assignedAt: z.string(),
  last: z.object({ at: z.string(), counts: countsSchema, holds: z.boolean(), figures: z.string() }).optional(),
  /** Who paused the rollout (`rollout pause`), as the last look found it; absent once resumed. */
  pausedBy: z.string().optional(),
});
export type RolloutGateState = z.infer<typeof rolloutGateStateSchema>;
