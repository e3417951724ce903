import type { RunRecord, RunStatus, StepRecord } from '../../core/runs/run-record.js';
import type { RolloutGateState } from '../../core/rollouts/rollout-gate-state.js';
import type { AdvanceInput, GateInput, RingInfo } from '../../core/rollouts/rollout-steps.js';

const HOUR = 3_600_000;
export const ROLLOUT_NOW = new Date('2026-11-23T10:00:00Z');
const POLICY = { policyId: '11111111-2222-3333-4444-555555555555', policyName: 'EDR rings' };
const RINGS = [
  { name: 'pilot', collectionId: 'PS100015', devices: 12 },
  { name: 'broad', collectionId: 'PS100042', devices: 800 },
  { name: 'all', collectionId: 'PS100043', devices: 4000 },
] as const;
const GATE = 'reported>=80%, failed<=2%, noncompliant<=10%';
const HEALTHY = 'reported 100% (meets >=80%), failed 0% (meets <=2%), noncompliant 0% (meets <=10%)';
const UNHEALTHY = 'reported 100% (meets >=80%), failed 10% (misses <=2%), noncompliant 0% (meets <=10%)';

type Phase = 'pending' | 'soaking' | 'paused' | 'passed' | 'asking' | 'held' | 'halted' | 'done';

function step(id: number, kind: string, title: string, input: Record<string, unknown>): StepRecord {
  return { id: `s${id}`, kind, title, state: 'pending', input, attempts: 0 };
}

/** What the planner stores about a ring on its assign step (and the last ring's complete step). */
function ringInfo(index: number): RingInfo {
  const ring = RINGS[index];
  return { index, of: RINGS.length, name: ring?.name ?? '', devices: ring?.devices ?? 0, ...POLICY };
}

function gateInput(index: number): GateInput {
  const next = RINGS[index + 1] ?? RINGS[index];
  return {
    ...POLICY,
    report: 'configmgr',
    ringIndex: index,
    ringName: RINGS[index]?.name ?? '',
    nextRing: { name: next?.name ?? '', devices: next?.devices ?? 0 },
    gate: GATE,
    soakMs: 24 * HOUR,
    graceMs: 6 * HOUR,
  };
}

function gateState(index: number, assignedHoursAgo: number, figures?: string, pausedBy?: string): RolloutGateState {
  const counts = { targeted: 12, compliant: 12, nonCompliant: 0, failed: 0, pending: 0, enforced: 0 };
  return {
    ...gateInput(index),
    assignedAt: new Date(ROLLOUT_NOW.getTime() - assignedHoursAgo * HOUR).toISOString(),
    ...(figures ? { last: { at: ROLLOUT_NOW.toISOString(), counts, holds: figures === HEALTHY, figures } } : {}),
    ...(pausedBy ? { pausedBy } : {}),
  };
}

/**
 * A three-ring approve-each rollout run as the planner lays it out (approval, re-check, then per ring: assign, gate,
 * approval to advance), with ring 1 and ring 2 in the given phases.
 */
export function rolloutRun(first: Phase, second: Phase = 'pending', third: 'pending' | 'done' = 'pending'): RunRecord {
  const steps: StepRecord[] = [
    { ...step(1, 'approval', 'Approval', { approvalId: 'a-7k2m9q' }), state: 'done' },
    { ...step(2, 'plan-recheck', 'Re-check the plan against the tenant', { approvalId: 'a-7k2m9q' }), state: 'done' },
  ];
  RINGS.forEach((ring, index) => {
    steps.push(
      step(
        steps.length + 1,
        'policy-assign',
        `Ring ${index + 1} of 3 (${ring.name}): assign EDR rings (${ring.devices.toLocaleString('en-US')} devices)`,
        {
          policyId: POLICY.policyId,
          targets: [{ kind: 'collection', collectionId: ring.collectionId }],
          ring: ringInfo(index),
        },
      ),
    );
    if (index === RINGS.length - 1) {
      steps.push(
        step(steps.length + 1, 'rollout-complete', `Ring 3 of 3 (${ring.name}) assigned: the rollout is complete`, {
          ring: ringInfo(index),
        }),
      );
      return;
    }
    steps.push(
      step(steps.length + 1, 'rollout-gate', `Ring ${index + 1} (${ring.name}): soak 24 hours, then gate`, {
        ...gateInput(index),
      }),
    );
    const advance: AdvanceInput = {
      policyName: POLICY.policyName,
      passedRing: ring.name,
      nextRing: { name: RINGS[index + 1]?.name ?? '', devices: RINGS[index + 1]?.devices ?? 0 },
      ringIndex: index + 1,
    };
    steps.push(step(steps.length + 1, 'rollout-advance', `Approval to advance to ring ${index + 2}`, { ...advance }));
  });
  const phases: readonly Phase[] = [first, second, third];
  let status: RunStatus = 'waiting';
  phases.forEach((phase, index) => {
    const base = index * 3 + 2;
    const assign = steps[base];
    const gate = steps[base + 1];
    const advance = steps[base + 2];
    if (!assign || phase === 'pending') return;
    assign.state = 'done';
    if (!gate || !advance) {
      if (gate) gate.state = 'done';
      status = 'done';
      return;
    }
    const wait = (state: RolloutGateState, active: boolean) => ({
      kind: 'rollout-gate',
      startedAt: state.assignedAt,
      checks: 4,
      ...(active ? {} : { endedAt: ROLLOUT_NOW.toISOString() }),
      state,
    });
    switch (phase) {
      case 'soaking':
      case 'paused':
        gate.state = 'waiting';
        gate.wait = wait(gateState(index, 3, undefined, phase === 'paused' ? 'Megan Bowen' : undefined), true);
        return;
      case 'halted':
        gate.state = 'failed';
        gate.wait = wait(gateState(index, 30, UNHEALTHY), false);
        gate.problem = {
          title: `Ring ${RINGS[index]?.name ?? ''} did not pass its gate`,
          message: `The rollout of EDR rings stopped: ${UNHEALTHY}.`,
        };
        status = 'failed';
        return;
      case 'asking':
        gate.state = 'done';
        gate.wait = wait(gateState(index, 30, HEALTHY), false);
        advance.state = 'waiting-for-approval';
        advance.approvalId = 'a-9x8y7w';
        return;
      case 'held':
        gate.state = 'done';
        gate.wait = wait(gateState(index, 30, HEALTHY), false);
        advance.state = 'waiting';
        advance.approvalId = 'a-9x8y7w';
        advance.wait = {
          kind: 'rollout-hold',
          startedAt: ROLLOUT_NOW.toISOString(),
          checks: 2,
          state: {
            ringIndex: index + 1,
            ringName: RINGS[index + 1]?.name ?? '',
            approvalId: 'a-9x8y7w',
            approvedBy: 'Megan Bowen',
            pausedBy: 'Alex Wilber',
          },
        };
        return;
      default:
        gate.state = 'done';
        gate.wait = wait(gateState(index, 30, HEALTHY), false);
        advance.state = 'done';
    }
  });
  return {
    id: 'r-r1ngs9',
    kind: 'rollout',
    title: 'Roll out "EDR rings" in 3 rings: pilot (12 devices), broad (800 devices), all (4,000 devices)',
    requestedBy: { aadObjectId: 'a', channelUserId: '29:a', name: 'Alex Wilber' },
    conversationId: 'conv',
    createdAt: '2026-11-22T09:00:00Z',
    updatedAt: '2026-11-23T09:59:00Z',
    status,
    resources: [`policy/${POLICY.policyId}`],
    steps,
  };
}
