import type { ChangePlan, PlanChange, PlannedStep, Planner } from '../approvals/change-plan.js';
import { sameTarget } from '../policy/assignment-target.js';
import {
  type AssignServices,
  line,
  type ResolvedAssignment,
  resolveAssignment,
} from '../policies/policy-assign-planner.js';
import type { PlannedTarget } from '../policies/planned-target.js';
import { targetAliases } from '../policies/planned-target.js';
import { POLICY_STEP_KINDS, policyResource } from '../policies/policy-step-kinds.js';
import { UserFacingError } from '../user-facing-error.js';
import { formatGate, parseGate } from './gate-rules.js';
import { type RolloutIntent, rolloutIntentSchema } from './rollout-intent.js';
import {
  type AdvanceInput,
  devicesWords,
  type GateInput,
  ROLLOUT_ADVANCE,
  ROLLOUT_GATE,
  ROLLOUT_PLANNER,
} from './rollout-steps.js';
import { parseSoak, soakWords } from './soak-duration.js';

/** Devices that have not reported when the soak ends may still do so for this long (a quarter of the soak, ≤ 6 h). */
export function reportGraceMs(soakMs: number): number {
  return Math.min(Math.round(soakMs / 4), 6 * 3_600_000);
}

interface PlannedRing {
  readonly name: string;
  readonly added: readonly PlannedTarget[];
  readonly devices: number | undefined;
}

/**
 * `rollout`: one plan for every ring. Each ring is resolved exactly as `assign` resolves its --to (same targets,
 * filters and refusals); a target an earlier ring (or the policy) already has is not assigned again. The run assigns
 * ring 1, soaks and gates it, and only then goes on to ring 2 (after a second person approves, with approve-each).
 */
export function createRolloutPlanner(services: AssignServices): Planner {
  return {
    kind: ROLLOUT_PLANNER,
    async plan(raw) {
      const intent = parseIntent(raw);
      const rules = parseGate(intent.gate);
      const soakMs = parseSoak(intent.soak);
      const resolved: ResolvedAssignment[] = [];
      for (const ring of intent.rings) {
        resolved.push(
          await resolveAssignment(services, {
            policy: intent.policy,
            to: ring.to,
            exclude: [],
            ...(intent.filter === undefined ? {} : { filter: intent.filter }),
            ...(intent.filterMode === undefined ? {} : { filterMode: intent.filterMode }),
          }),
        );
      }
      const first = resolved[0];
      if (first === undefined) throw new Error('a rollout without rings');
      const { policy, current, names } = first;
      const rings = intent.rings.map((ring, index): PlannedRing => {
        const earlier = resolved.slice(0, index).flatMap((one) => one.added);
        const added = (resolved[index]?.added ?? []).filter(
          (planned) => !earlier.some((other) => sameTarget(other.target, planned.target)),
        );
        if (added.length === 0) {
          throw new UserFacingError(
            `Ring "${ring.name}" adds nothing`,
            `Every target of ring "${ring.name}" is already assigned, by the policy or by an earlier ring.`,
            'Leave the ring out, or give it targets the policy does not have yet.',
          );
        }
        const counts = added.map((planned) => planned.devices);
        const devices = counts.every((count) => count !== undefined)
          ? counts.reduce<number>((sum, count) => sum + (count ?? 0), 0)
          : undefined;
        return { name: ring.name, added, devices };
      });
      const gate = formatGate(rules);
      const mode = intent.mode === 'auto' ? 'each ring follows automatically' : 'each further ring is approved';
      const changes: PlanChange[] = [
        ...current.map((planned) => line('keep', planned, names)),
        ...rings.flatMap((ring, index) =>
          ring.added.map((planned) => {
            const base = line('add', planned, names);
            return { ...base, detail: `ring ${index + 1} (${ring.name}): ${base.detail}` };
          }),
        ),
        {
          action: 'no-op',
          subject: 'Gate',
          detail: `${gate}, after a soak of ${soakWords(soakMs)}; ${mode}`,
        },
      ];
      return {
        kind: ROLLOUT_PLANNER,
        title: `Roll out "${policy.name}" in ${rings.length} ${rings.length === 1 ? 'ring' : 'rings'}: ${rings
          .map((ring) => `${ring.name} (${devicesWords(ring.devices)})`)
          .join(', ')}`,
        intent,
        changes,
        resources: [policyResource(policy.id)],
        scopeTargets: [[policy.name], ...rings.flatMap((ring) => ring.added.map(targetAliases))],
        steps: rings.flatMap((ring, index) => ringSteps(intent, policy, rings, index, gate, soakMs)),
      } satisfies ChangePlan;
    },
  };
}

function ringSteps(
  intent: RolloutIntent,
  policy: { readonly id: string; readonly name: string; readonly kind?: string | undefined },
  rings: readonly PlannedRing[],
  index: number,
  gate: string,
  soakMs: number,
): PlannedStep[] {
  const ring = rings[index];
  if (ring === undefined) return [];
  const assign: PlannedStep = {
    kind: POLICY_STEP_KINDS.assign,
    title: `Ring ${index + 1} of ${rings.length} (${ring.name}): assign ${policy.name} (${devicesWords(ring.devices)})`,
    input: { policyId: policy.id, targets: ring.added.map((planned) => planned.target) },
  };
  const next = rings[index + 1];
  if (next === undefined) return [assign];
  const nextRing = { name: next.name, ...(next.devices === undefined ? {} : { devices: next.devices }) };
  const gateInput: GateInput = {
    policyId: policy.id,
    policyName: policy.name,
    report: policy.kind?.startsWith('configmgr') ? 'configmgr' : 'intune',
    ringIndex: index,
    ringName: ring.name,
    nextRing,
    gate,
    soakMs,
    graceMs: reportGraceMs(soakMs),
  };
  const steps: PlannedStep[] = [
    assign,
    {
      kind: ROLLOUT_GATE,
      title: `Ring ${index + 1} (${ring.name}): soak ${soakWords(soakMs)}, then gate`,
      input: gateInput,
    },
  ];
  if (intent.mode === 'approve-each') {
    const advance: AdvanceInput = { policyName: policy.name, passedRing: ring.name, nextRing, ringIndex: index + 1 };
    steps.push({
      kind: ROLLOUT_ADVANCE,
      title: `Approval to advance to ring ${index + 2} (${next.name})`,
      input: advance,
    });
  }
  return steps;
}

function parseIntent(raw: unknown): RolloutIntent {
  const parsed = rolloutIntentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`malformed rollout intent: ${parsed.error.message}`);
  return parsed.data;
}
