import { z } from 'zod';
import { defineWaitKind, type WaitKind } from './wait-kind.js';
import { nextVerifyDelay, type VerifyPolicy } from './verify-policy.js';

export const CONSOLE_VERIFICATION = 'console-verification';

const GAVE_UP_MESSAGE =
  'I waited too long for the change to show up. Check CMGatewaySyncUploadWorker.log on the service connection point (uploads run every 15 minutes) and that the collection is in the upload scope, then press Verify again.';

/**
 * A console step (attach, enable) is done by an admin in the ConfigMgr console; after they press Verify the change takes
 * a while to sync. This wait reads the step's world with backoff until the change is there, and hands the step back to
 * the admin when it does not arrive in time (they can press Verify again).
 */
export function consoleVerificationWait(policy: VerifyPolicy): WaitKind<Record<string, never>> {
  return defineWaitKind({
    kind: CONSOLE_VERIFICATION,
    state: z.object({}).strict() as z.ZodType<Record<string, never>>,
    nextDelayMs: (checks) => nextVerifyDelay(policy, checks),
    async check(look) {
      const world = await look.worldCheck();
      const checks = look.wait.checks + 1;
      if (!world.done) return { kind: 'pending', note: notYetNote(world, checks, nextVerifyDelay(policy, checks)) };
      return {
        kind: 'done',
        message: `verified: ${world.message}`,
        outcome: world.outcome,
        events: [
          {
            actor: look.actor,
            action: 'step.verified',
            details: { step: look.step.kind, stepId: look.step.id, attempts: checks },
          },
        ],
      };
    },
    expired: (look) => ({
      kind: 'gave-up',
      note: GAVE_UP_MESSAGE,
      events: [{ actor: look.actor, action: 'step.verification-timed-out', details: { stepId: look.step.id } }],
    }),
  });
}

/**
 * What a look that did not find the change says: what it read, what it has not seen yet, and when it looks again (so
 * nobody needs to press Verify twice). ConfigMgr uploads to Intune every 15 minutes (configmgr-adminservice.md §3).
 */
export function notYetNote(world: { seen?: string; awaiting?: string }, checks: number, nextInMs: number): string {
  const read = world.seen === undefined ? 'Not there yet' : `Checked ${world.seen}`;
  const missing = world.awaiting === undefined ? '' : `, but not yet ${world.awaiting}`;
  return (
    `${read}${missing} (look ${checks}). ConfigMgr uploads such changes to Intune every 15 minutes; ` +
    `I look again in ${aboutDuration(nextInMs)} and keep looking, no need to press Verify again.`
  );
}

function aboutDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** When a verification that starts now gives up. */
export function verificationExpiry(policy: VerifyPolicy, now: Date): string {
  return new Date(now.getTime() + policy.giveUpAfterMs).toISOString();
}
