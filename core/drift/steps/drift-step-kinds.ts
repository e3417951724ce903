import { z } from 'zod';

/** The drift card's and the watch commands' step kinds; never renamed once runs with them may be stored. */
export const DRIFT_STEP_KINDS = {
  revert: 'drift-revert',
  recreate: 'drift-recreate',
  baseline: 'drift-baseline',
  unwatch: 'drift-unwatch',
} as const;

export const driftRevertInputSchema = z.object({
  policyId: z.string().min(1),
  policyName: z.string(),
  /** The baseline the plan restores: a newer one (accepted meanwhile) fails the step instead of undoing it. */
  baselineRecordedAt: z.string(),
  episodeId: z.string().optional(),
});
export type DriftRevertInput = z.infer<typeof driftRevertInputSchema>;

export const driftBaselineInputSchema = z.object({
  policyId: z.string().min(1),
  policyName: z.string(),
  /** `accept`: the drift card's Accept as baseline; `watch`: adopting a policy AttachOps did not make. */
  mode: z.enum(['accept', 'watch']),
  /** Canonical JSON of the normalised state that was approved: a policy changed again since is not recorded. */
  expectedState: z.string(),
  episodeId: z.string().optional(),
});
export type DriftBaselineInput = z.infer<typeof driftBaselineInputSchema>;

export const driftUnwatchInputSchema = z.object({ policyId: z.string().min(1), policyName: z.string() });

export function parseStepInput<S extends z.ZodType>(schema: S, input: unknown, kind: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(`malformed ${kind} step input: ${parsed.error.message}`);
  return parsed.data;
}

/** The approval a run's change was approved under (its approval step's input). */
export function approvalIdOf(steps: readonly { readonly input: Record<string, unknown> }[]): string | undefined {
  const approvalId = steps.find((step) => typeof step.input.approvalId === 'string')?.input.approvalId;
  return typeof approvalId === 'string' ? approvalId : undefined;
}
