import { isUpstreamError } from '../errors/upstream-error.js';
import { isUserFacingError, UserFacingError } from '../user-facing-error.js';
import type { ResourceBusyError } from './resource-locks.js';
import type { RunRecord, StepProblem, StepRecord, Verification } from './run-record.js';
import type { StepOutcome, WorldCheck } from './step-handler.js';

export function withStep(run: RunRecord, stepId: string, change: Partial<StepRecord>): RunRecord {
  return { ...run, steps: run.steps.map((step) => (step.id === stepId ? { ...step, ...change } : step)) };
}

export function outcomeFields(outcome: StepOutcome, now: Date): Partial<StepRecord> {
  const endedAt = now.toISOString();
  switch (outcome.kind) {
    case 'done':
      return { state: 'done', endedAt, message: outcome.message, outcome: outcome.outcome, problem: undefined };
    case 'skipped':
      return { state: 'skipped', endedAt, message: outcome.message };
    case 'waiting-for-admin':
      return {
        state: 'waiting-for-admin',
        message: outcome.message,
        guidance: outcome.guidance,
        verification: undefined,
      };
    case 'waiting-for-approval':
      return { state: 'waiting-for-approval', message: outcome.message, approvalId: outcome.approvalId };
    case 'failed':
      return { state: 'failed', endedAt, problem: outcome.problem, message: outcome.problem.title };
  }
}

export function messageOf(outcome: StepOutcome): string {
  return outcome.kind === 'failed' ? outcome.problem.message : outcome.message;
}

export function describeFailure(error: unknown): StepProblem {
  if (isUserFacingError(error)) return { title: error.title, message: error.message, fix: error.fix };
  if (isUpstreamError(error)) {
    return {
      title: error.retryable ? 'The service is busy' : 'The service refused the change',
      message: error.message,
      fix: error.retryable
        ? 'Press Retry in a few minutes; nothing was done twice.'
        : 'Fix what the message names, then press Retry.',
    };
  }
  return {
    title: 'Unexpected failure',
    message: 'The step failed unexpectedly; the bot log has the details.',
    fix: 'Press Retry; if it fails again, report the run id.',
  };
}

export function busyError(error: ResourceBusyError): UserFacingError {
  return new UserFacingError(
    'Already in progress',
    `${error.resource} is being worked on by run ${error.heldBy}.`,
    `Wait for run ${error.heldBy} to finish (type run ${error.heldBy}), or cancel it.`,
  );
}

const GAVE_UP_MESSAGE =
  'I waited too long for the change to show up. Check CMGatewaySyncUploadWorker.log on the service connection point (uploads run every 15 minutes) and that the collection is in the upload scope, then press Verify again.';

/** A guided step whose change has arrived. */
export function verifiedFields(
  step: StepRecord,
  world: WorldCheck & { done: true },
  now: Date,
  attempts: number,
): Partial<StepRecord> {
  const at = now.toISOString();
  return {
    state: 'done',
    endedAt: at,
    message: `verified: ${world.message}`,
    outcome: world.outcome,
    verification: verificationAfter(step, attempts, at, undefined),
  };
}

/** A guided step checked once more without the change there yet. */
export function checkedFields(
  step: StepRecord,
  note: string,
  now: Date,
  attempts: number,
  nextCheckAt: Date,
): Partial<StepRecord> {
  return {
    message: note,
    verification: verificationAfter(step, attempts, now.toISOString(), nextCheckAt.toISOString()),
  };
}

export function gaveUpFields(verification: Verification, now: Date): Partial<StepRecord> {
  return {
    message: GAVE_UP_MESSAGE,
    verification: { ...verification, gaveUpAt: now.toISOString(), nextCheckAt: undefined },
  };
}

function verificationAfter(
  step: StepRecord,
  attempts: number,
  lastCheckedAt: string,
  nextCheckAt: string | undefined,
): Verification | undefined {
  return step.verification && { ...step.verification, attempts, lastCheckedAt, nextCheckAt };
}
