import { z } from 'zod';

/** An Actor (core/actor.ts) as stored in runs, approvals and staged audit entries. */
export const actorSchema = z.object({
  aadObjectId: z.string().optional(),
  channelUserId: z.string(),
  name: z.string(),
  tenantId: z.string().optional(),
});
