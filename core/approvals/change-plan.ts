import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.js';

export type PlanAction = 'create' | 'update' | 'no-op' | 'add' | 'keep' | 'remove';

/** One line of a plan: what happens to one policy, setting or assignment target. */
export interface PlanChange {
  readonly action: PlanAction;
  /** What changes: a policy name, a setting, a group or collection. */
  readonly subject: string;
  readonly detail: string;
  /** How many devices this target reaches, where known. */
  readonly devices?: number;
}

export interface PlannedStep {
  readonly kind: string;
  readonly title: string;
  readonly input: Record<string, unknown>;
}

/**
 * What a change request will do to the tenant, computed before anyone approves it. The same intent planned again
 * against an unchanged tenant gives the same hash; a different hash means the tenant moved and the request asks again.
 */
export interface ChangePlan {
  /** The planner that made it, e.g. 'policy-create'. */
  readonly kind: string;
  readonly title: string;
  /** What the requester asked for, as the planner needs it to plan again. */
  readonly intent: Record<string, unknown>;
  readonly changes: readonly PlanChange[];
  /** Collections and policies the change touches; two live runs never share one. */
  readonly resources: readonly string[];
  /** The run steps that carry the change out once approved. */
  readonly steps: readonly PlannedStep[];
  /** Every target the change reaches, each by all of its names (id, display name), for operator scopes. */
  readonly scopeTargets?: readonly (readonly string[])[];
}

export function planHash(plan: ChangePlan): string {
  const { kind, intent, changes, steps } = plan;
  return createHash('sha256').update(canonicalJson({ kind, intent, changes, steps })).digest('hex');
}

/** Turns an intent into a plan by reading the tenant; never changes anything. */
export interface Planner {
  readonly kind: string;
  plan(intent: Record<string, unknown>): Promise<ChangePlan>;
}

export function hasChanges(plan: ChangePlan): boolean {
  return plan.changes.some((change) => change.action !== 'no-op' && change.action !== 'keep');
}
