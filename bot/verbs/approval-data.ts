import { z } from 'zod';

/** The card carries only the request id (and the typed reason); who may do what is decided from stored state. */
export const approvalActionData = z.object({ approvalId: z.string().regex(/^a-[a-z0-9]{4,20}$/) });
export const approvalRejectData = approvalActionData.extend({ reason: z.string().max(2000).optional() });
