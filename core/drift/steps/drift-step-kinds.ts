import { z } from 'zod';

/** The drift card's and the watch commands' step kinds; never renamed once runs with them may be stored. */
export const DRIFT_STEP_KINDS = {
  revert: 'drift-revert',
  /** Closes a revert made of part steps: confirms the tenant equals the baseline and audits `drift.reverted` once. */
  reverted: 'drift-reverted',
  recreate: 'drift-recreate',
  /**
   * Closes a recreate made of part steps: confirms the new policy equals the baseline, moves the baseline to it, closes
   * the episode and audits `drift.recreated` once.
   */
  recreated: 'drift-recreated',
  baseline: 'drift-baseline',
  unwatch: 'drift-unwatch',
} as const;

export const driftRevertInputSchema = z.object({
  policyId: z.string().min(1),
  policyName: z.string(),
  /** The baseline the plan restores: a newer one (accepted meanwhile) fails the step instead of undoing it. */
  baselineRecordedAt: z.string(),
  episodeId: z.string().optional(),
  /**
   * Which half this step puts back. One tenant write per step, so a write Intune holds for Multi Admin Approval is
   * settled by reading just that half after the resend (core/maa/intune-approval-wait.ts). Absent: both, audited by the
   * step itself (runs planned before the split).
   */
  part: z.enum(['settings', 'assignments']).optional(),
});
export type DriftRevertInput = z.infer<typeof driftRevertInputSchema>;

export const driftRevertedInputSchema = driftRevertInputSchema.extend({
  /** The drift item kinds the plan reverts, for the audit entry. */
  reverted: z.array(z.string()),
});
export type DriftRevertedInput = z.infer<typeof driftRevertedInputSchema>;

export const driftRecreateInputSchema = driftRevertInputSchema.omit({ part: true }).extend({
  /**
   * Which write this step makes: `create` the policy (found by its write ref after a lost answer or an Intune hold),
   * `assignments` to the policy the create step made (its id taken from that step's outcome). One tenant write per
   * step, as for a revert. Absent: both, and the step moves the baseline and audits itself (runs planned before the
   * split).
   */
  part: z.enum(['create', 'assignments']).optional(),
});
export type DriftRecreateInput = z.infer<typeof driftRecreateInputSchema>;

/** The policy a recreate's create step made: its done outcome, stored by the run kernel. */
export function recreatedPolicyIdOf(
  steps: readonly {
    readonly kind: string;
    readonly state: string;
    readonly input: Record<string, unknown>;
    readonly outcome?: unknown;
  }[],
): string | undefined {
  const create = steps.find(
    (step) => step.kind === DRIFT_STEP_KINDS.recreate && step.input.part === 'create' && step.state === 'done',
  );
  const outcome = create?.outcome as { policyId?: unknown } | undefined;
  return typeof outcome?.policyId === 'string' ? outcome.policyId : undefined;
}

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
