import { z } from 'zod';

/**
 * A step waiting on something outside the bot (a console change to sync, an Intune admin to approve, a ring to soak):
 * the generic bookkeeping of the wait loop (wait-loop.ts), plus the wait kind's own `state`, parsed by its schema.
 * Stored on the step, so a restarted or taken-over run continues the same wait.
 */
export const waitRecordSchema = z.object({
  /** The registered wait kind (wait-kind.ts). */
  kind: z.string(),
  startedAt: z.string(),
  /** Who started the wait: the person who pressed Verify, or the service that held the write. */
  startedBy: z.string().optional(),
  checks: z.number().int().nonnegative(),
  lastCheckedAt: z.string().optional(),
  nextCheckAt: z.string().optional(),
  /** After this moment the wait ends with the kind's `expired` verdict (after one last look). */
  expiresAt: z.string().optional(),
  /** Set when the wait handed the step back to a person (e.g. console verification gave up). */
  gaveUpAt: z.string().optional(),
  /** Set when the wait ended. */
  endedAt: z.string().optional(),
  state: z.unknown(),
});
export type WaitRecord = z.infer<typeof waitRecordSchema>;

/** Is the loop still looking (not given up, not ended)? */
export function isWaitActive(wait: WaitRecord | undefined): wait is WaitRecord {
  return wait !== undefined && wait.gaveUpAt === undefined && wait.endedAt === undefined;
}
