import { isUpstreamError } from '../errors/upstream-error.js';
import { isUserFacingError, UserFacingError } from '../user-facing-error.js';
import type { ResourceBusyError } from './resource-locks.js';
import type { RunRecord, StepProblem, StepRecord } from './run-record.js';
import type { StepOutcome } from './step-handler.js';

export function withStep(run: RunRecord, stepId: string, change: Partial<StepRecord>): RunRecord {
  return { ...run, steps: run.steps.map((step) => (step.id === stepId ? { ...step, ...change } : step)) };
}

export function outcomeFields(outcome: Exclude<StepOutcome, { kind: 'wait' }>, now: Date): Partial<StepRecord> {
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
        wait: undefined,
      };
    case 'waiting-for-approval':
      return { state: 'waiting-for-approval', message: outcome.message, approvalId: outcome.approvalId };
    case 'failed':
      return { state: 'failed', endedAt, problem: outcome.problem, message: outcome.problem.title };
  }
}

export function messageOf(outcome: Exclude<StepOutcome, { kind: 'wait' }>): string {
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

/** A policy's lock names its id (core/policies/policy-step-kinds.ts), which a card never shows: it says "This policy". */
function readableResource(resource: string): string {
  return resource.startsWith('policy:') ? 'This policy' : resource;
}

export function busyError(error: ResourceBusyError): UserFacingError {
  return new UserFacingError(
    'Already in progress',
    `${readableResource(error.resource)} is being worked on by run ${error.heldBy}.`,
    `Wait for run ${error.heldBy} to finish (type run ${error.heldBy}), or cancel it.`,
  );
}
