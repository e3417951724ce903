import { POLICY_STEP_KINDS, policyCreateInputSchema } from '../../core/policies/policy-step-kinds.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { STEP_KINDS } from '../../core/workflow/step-kinds.js';
import type { NextStep } from '../card-extras.js';

export interface RunNextSteps {
  /** What comes next, for `Next: …` on the card. */
  readonly hint: string;
  readonly steps: readonly NextStep[];
}

const NONE: RunNextSteps = { hint: '', steps: [] };

/**
 * What a finished run leads to, from the furthest step it completed: attach → choose collections; enable → create a
 * policy; policy created → assign it; assigned → its compliance. Anything else → the list of runs.
 */
export function runNextSteps(run: RunRecord): RunNextSteps {
  if (run.status !== 'done') return NONE;
  const done = (kind: string) => run.steps.filter((step) => step.kind === kind && step.state === 'done');
  const assigned = done(POLICY_STEP_KINDS.assign).at(-1);
  if (assigned) {
    const policyId = (assigned.input as { policyId?: unknown }).policyId;
    return {
      hint: 'see how its devices report.',
      steps: [
        { title: 'Show compliance', command: typeof policyId === 'string' ? `compliance ${policyId}` : 'compliance' },
      ],
    };
  }
  const created = done(POLICY_STEP_KINDS.create).at(-1);
  const draft = created ? policyCreateInputSchema.safeParse(created.input).data?.draft : undefined;
  if (draft) {
    return {
      hint: `assign ${draft.name} to groups or collections.`,
      steps: [{ title: 'Assign it', command: `assign ${quoted(draft.name)}` }],
    };
  }
  if (done(STEP_KINDS.enableCollection).length > 0) {
    return {
      hint: 'create a policy for the enabled collections.',
      steps: [
        { title: 'Create an EDR policy', command: 'policy create edr' },
        { title: 'Create an Antivirus policy', command: 'policy create antivirus' },
      ],
    };
  }
  if (done(STEP_KINDS.tenantAttach).length > 0) {
    return {
      hint: 'choose the collections whose devices get endpoint security.',
      steps: [{ title: 'Choose collections', command: 'collections' }],
    };
  }
  return { hint: 'see what else ran.', steps: [{ title: 'Show recent runs', command: 'runs' }] };
}

/** A value as the command tokenizer (string-argv) reads it back as one word. */
function quoted(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}
