import { z } from 'zod';

/**
 * A tenant write whose answer may never have arrived. It is stored on the step BEFORE every HTTP attempt, so after a
 * timeout, a reset or a crash the run knows that a write may be in flight and until when: the service cannot carry
 * out an attempt later than `settlesAt` (its start plus the request timeout). Until then the run waits; after it, the
 * step's `check` reads the tenant, finds what the write made by `ref`, and only when nothing is there is the write
 * repeated.
 */
export const pendingWriteSchema = z.object({
  /** Written into what the write creates (a policy's description marker), so it is found however it is renamed. */
  ref: z.string(),
  /** When the latest attempt began. */
  startedAt: z.string(),
  /** From this moment on, a read of the tenant shows whether the write landed. */
  settlesAt: z.string(),
  /** How often this step's write ended without an answer. */
  unknownOutcomes: z.number().int().nonnegative(),
});
export type PendingWrite = z.infer<typeof pendingWriteSchema>;
