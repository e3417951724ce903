import { UpstreamOutcomeUnknown } from '../errors/upstream-error.js';
import type { Clock } from '../ports/clock.js';
import type { TenantWrite } from '../ports/tenant-write.js';
import type { PendingWrite } from './pending-write.js';
import type { StepProblem, StepRecord } from './run-record.js';

/** After this many lost answers in a row the step fails with a problem a person can act on. */
export const MAX_UNKNOWN_OUTCOMES = 5;

/** Stable for the step across retries and restarts, unique across runs. */
export function writeRefOf(runId: string, stepId: string): string {
  return `${runId}.${stepId}`;
}

export function isOutcomeUnknown(error: unknown): error is UpstreamOutcomeUnknown {
  return error instanceof UpstreamOutcomeUnknown;
}

/** The TenantWrite a step hands its port: every attempt first records itself through `record`. */
export function tenantWriteFor(
  step: Pick<StepRecord, 'pendingWrite'>,
  ref: string,
  clock: Clock,
  settleMs: number,
  record: (pending: PendingWrite) => Promise<void>,
): TenantWrite {
  return {
    ref,
    async beforeSend() {
      const now = clock.now();
      await record({
        ref,
        startedAt: now.toISOString(),
        settlesAt: new Date(now.getTime() + settleMs).toISOString(),
        unknownOutcomes: step.pendingWrite?.ref === ref ? step.pendingWrite.unknownOutcomes : 0,
      });
    },
  };
}

/** How long to wait before the tenant may be read: zero once the write has settled or when none is pending. */
export function msUntilSettled(step: Pick<StepRecord, 'pendingWrite'>, now: Date): number {
  if (!step.pendingWrite) return 0;
  return Math.max(0, Date.parse(step.pendingWrite.settlesAt) - now.getTime());
}

export function settlingMessage(pending: PendingWrite): string {
  return `No answer yet to the change sent at ${clockTime(pending.startedAt)}; I read the tenant at ${clockTime(pending.settlesAt)} before doing anything again.`;
}

/**
 * How soon a write the service answered 502/503/504 may be read back: its Retry-After, else `afterAnswerMs`; never later
 * than the full window a write without any answer gets (issue 23 item 10). Still never a blind repeat.
 */
export function settledSoonerAfterAnswer(
  pending: PendingWrite | undefined,
  answer: { readonly retryAfterMs?: number } | undefined,
  afterAnswerMs: number,
  now: Date,
): PendingWrite | undefined {
  if (!pending || !answer) return pending;
  const sooner = now.getTime() + (answer.retryAfterMs ?? afterAnswerMs);
  return sooner < Date.parse(pending.settlesAt) ? { ...pending, settlesAt: new Date(sooner).toISOString() } : pending;
}

/** The step after a write whose answer was lost: not failed, not done, and never repeated blindly. */
export function unknownOutcomeFields(step: StepRecord, reason: string): Partial<StepRecord> {
  const pending = step.pendingWrite;
  const unknownOutcomes = (pending?.unknownOutcomes ?? 0) + 1;
  if (unknownOutcomes > MAX_UNKNOWN_OUTCOMES) {
    const problem = gaveUpProblem(unknownOutcomes, reason);
    return { state: 'failed', problem, message: problem.title, ...(pending ? { pendingWrite: pending } : {}) };
  }
  return {
    state: 'outcome-unknown',
    message: pending ? settlingMessage(pending) : `No answer to the change (${reason}); I check the tenant first.`,
    ...(pending ? { pendingWrite: { ...pending, unknownOutcomes } } : {}),
  };
}

function gaveUpProblem(times: number, reason: string): StepProblem {
  return {
    title: 'The service keeps not answering',
    message: `The change was sent ${times} times without an answer (last: ${reason}); each time the tenant was read first, so nothing was made twice.`,
    fix: 'Check the service health in the admin center, then press Retry; the step reads the tenant before it sends anything.',
  };
}

function clockTime(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}
