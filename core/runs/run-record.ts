import { z } from 'zod';
import { actorSchema } from '../actor-schema.js';
import { auditOutboxFields } from '../audit/audit-outbox.js';
import { pendingWriteSchema } from './pending-write.js';
import { fromLegacyStep } from './legacy-step.js';
import { isWaitActive, waitRecordSchema } from './wait-record.js';

export const STEP_STATES = [
  'pending',
  'running',
  'waiting-for-admin',
  'waiting-for-approval',
  'outcome-unknown',
  /** A registered wait kind is checking something outside with backoff (step.wait). */
  'waiting',
  'done',
  'skipped',
  'failed',
] as const;
export type StepState = (typeof STEP_STATES)[number];

export const RUN_STATUSES = ['active', 'waiting', 'done', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const problemSchema = z.object({ title: z.string(), message: z.string(), fix: z.string().optional() });
export type StepProblem = z.infer<typeof problemSchema>;

const stepFields = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.enum(STEP_STATES),
  input: z.record(z.string(), z.unknown()),
  attempts: z.number().int().nonnegative(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  message: z.string().optional(),
  guidance: z.unknown().optional(),
  approvalId: z.string().optional(),
  /** A tenant write that may be in flight (core/runs/unknown-outcome.ts). */
  pendingWrite: pendingWriteSchema.optional(),
  /** Set while (and after) a wait kind checks something outside (wait-record.ts). */
  wait: waitRecordSchema.optional(),
  outcome: z.unknown().optional(),
  problem: problemSchema.optional(),
});
/** Steps stored before wait kinds existed are read in today's shape (legacy-step.ts). */
export const stepRecordSchema = z.preprocess(fromLegacyStep, stepFields);
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const runRecordSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  requestedBy: actorSchema,
  conversationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().optional(),
  status: z.enum(RUN_STATUSES),
  resources: z.array(z.string()),
  steps: z.array(stepRecordSchema),
  /** The W3C trace context of the turn that started the run, when tracing (core/ports/run-tracing.ts): opaque ids. */
  traceparent: z.string().optional(),
  /** Audit entries written with the transition they describe, not yet in the audit log (core/audit/audit-outbox.ts). */
  ...auditOutboxFields,
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export function isTerminal(status: RunStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}

export function isFinished(step: StepRecord): boolean {
  return step.state === 'done' || step.state === 'skipped';
}

/** Parked until someone clicks: an approval, or a console step nobody asked to verify yet. Other states need a worker. */
export function waitsForPerson(run: RunRecord): boolean {
  const step = currentStep(run);
  if (run.status !== 'waiting' || step === undefined) return false;
  return step.state === 'waiting-for-approval' || step.state === 'waiting-for-admin';
}

/** The step is waiting on a registered wait kind that is still looking. */
export function isWaiting(
  step: StepRecord | undefined,
): step is StepRecord & { wait: NonNullable<StepRecord['wait']> } {
  return step?.state === 'waiting' && isWaitActive(step.wait);
}

/** The step the run is on: the first one not done or skipped. */
export function currentStep(run: RunRecord): StepRecord | undefined {
  return run.steps.find((step) => !isFinished(step));
}
