import { z } from 'zod';
import type { AssignmentTarget } from '../policy/assignment-target.js';
import { type PolicyDraft, policyDraftSchema } from '../policy/policy-draft.js';

export const POLICY_STEP_KINDS = {
  create: 'policy-create',
  assign: 'policy-assign',
  unassign: 'policy-unassign',
  delete: 'policy-delete',
  rename: 'policy-rename',
} as const;

export const policyCreateInputSchema = z.object({ draft: policyDraftSchema, requestKey: z.string().min(1) });
export type PolicyCreateInput = {
  readonly draft: PolicyDraft;
  readonly requestKey: string;
};

const common = {
  filter: z.object({ id: z.string().min(1), mode: z.enum(['include', 'exclude']) }).optional(),
  asRead: z.unknown().optional(),
};
const assignmentTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), groupId: z.string().min(1), ...common }),
  z.object({ kind: z.literal('exclude-group'), groupId: z.string().min(1), ...common }),
  z.object({ kind: z.literal('collection'), collectionId: z.string().min(1), ...common }),
  z.object({ kind: z.literal('all-devices'), ...common }),
  z.object({ kind: z.literal('all-users'), ...common }),
  z.object({ kind: z.literal('other'), description: z.string(), raw: z.unknown(), ...common }),
]);

const policyAssignInputSchema = z.object({
  policyId: z.string().min(1),
  targets: z.array(assignmentTargetSchema).min(1),
});

export interface PolicyAssignInput {
  readonly policyId: string;
  /** The complete set the policy must at least have once the step is done. */
  readonly targets: readonly AssignmentTarget[];
}

/** A step's input comes back from storage as JSON; a malformed one is a bug, so it throws. */
export function parseCreateInput(input: unknown): PolicyCreateInput {
  return parseOrThrow(policyCreateInputSchema, input, POLICY_STEP_KINDS.create) as PolicyCreateInput;
}

export function parseAssignInput(input: unknown): PolicyAssignInput {
  const parsed = parseOrThrow(policyAssignInputSchema, input, POLICY_STEP_KINDS.assign);
  return {
    policyId: parsed.policyId,
    targets: parsed.targets.map(toTarget),
  };
}

function toTarget(target: z.infer<typeof assignmentTargetSchema>): AssignmentTarget {
  const { filter, asRead, ...kind } = target;
  return {
    ...(kind.kind === 'other' ? { ...kind, raw: kind.raw } : kind),
    ...(filter === undefined ? {} : { filter }),
    ...(asRead === undefined ? {} : { asRead }),
  };
}

const policyUnassignInputSchema = z.object({
  policyId: z.string().min(1),
  remove: z.array(assignmentTargetSchema).min(1),
});

export interface PolicyUnassignInput {
  readonly policyId: string;
  /** The targets the policy must no longer have once the step is done; every other one stays exactly as read. */
  readonly remove: readonly AssignmentTarget[];
}

export function parseUnassignInput(input: unknown): PolicyUnassignInput {
  const parsed = parseOrThrow(policyUnassignInputSchema, input, POLICY_STEP_KINDS.unassign);
  return { policyId: parsed.policyId, remove: parsed.remove.map(toTarget) };
}

const policyDeleteInputSchema = z.object({ policyId: z.string().min(1), name: z.string() });
export type PolicyDeleteInput = z.infer<typeof policyDeleteInputSchema>;

export function parseDeleteInput(input: unknown): PolicyDeleteInput {
  return parseOrThrow(policyDeleteInputSchema, input, POLICY_STEP_KINDS.delete);
}

const policyRenameInputSchema = z.object({ policyId: z.string().min(1), from: z.string(), to: z.string().min(1) });
export type PolicyRenameInput = z.infer<typeof policyRenameInputSchema>;

export function parseRenameInput(input: unknown): PolicyRenameInput {
  return parseOrThrow(policyRenameInputSchema, input, POLICY_STEP_KINDS.rename);
}

/** Two live runs never work on the same policy. */
export function policyResource(policyId: string): string {
  return `policy:${policyId.toLowerCase()}`;
}

/** A policy not created yet is known only by its name. */
export function policyNameResource(name: string): string {
  return `policy-name:${name.trim().toLowerCase()}`;
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, kind: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(`malformed ${kind} step input: ${parsed.error.message}`);
  return parsed.data;
}
