import type { RunRecord } from '../../core/runs/run-record.js';
import { devicesWords } from '../../core/rollouts/rollout-steps.js';
import {
  type RingPhase,
  type RingStatus,
  type RolloutTimeline,
  rolloutTimeline,
} from '../../core/rollouts/rollout-timeline.js';
import type { NextStep } from '../card-extras.js';
import { formatMoment } from '../time-format.js';

export interface RolloutRingView {
  readonly icon: string;
  readonly name: string;
  /** "soaking, 3 h 20 min left (until today 14:00 UTC)" */
  readonly label: string;
  /** The gate's last figures against its thresholds, or what the gate will be. */
  readonly figures: string;
}

export interface RolloutView {
  readonly heading: string;
  readonly rings: readonly RolloutRingView[];
  readonly nextAction: string;
  readonly nextSteps: readonly NextStep[];
}

export const EMPTY_ROLLOUT: RolloutView = { heading: '', rings: [], nextAction: '', nextSteps: [] };

const ICONS: Record<RingPhase, string> = {
  'not-started': '⚪',
  'waiting-for-approval': '⏳',
  held: '⏸️',
  assigning: '🔄',
  soaking: '🌱',
  gating: '🔎',
  passed: '✅',
  assigned: '✅',
  halted: '🛑',
  failed: '❌',
  'never-assigned': '⚫',
};

/** The rings of a rollout as a timeline, each ring's gate figures against its thresholds, and what comes next. */
export function toRolloutView(run: RunRecord, now: Date): RolloutView {
  const timeline = rolloutTimeline(run, now);
  const count = timeline.rings.length;
  return {
    heading: `Rings (${count}): ${timeline.rings.filter((ring) => ring.phase === 'passed' || ring.phase === 'assigned').length} done`,
    rings: timeline.rings.map((ring) => ({
      icon: ring.pausedBy !== undefined ? '⏸️' : ICONS[ring.phase],
      name: `${ring.index + 1}. ${ring.name} (${devicesWords(ring.devices)})`,
      label: ringLabel(ring, now),
      figures: ring.figures ?? (ring.gate === undefined ? '' : `gate: ${ring.gate}`),
    })),
    nextAction: nextAction(run, timeline, now),
    nextSteps: nextSteps(run, timeline),
  };
}

function ringLabel(ring: RingStatus, now: Date): string {
  const paused = ring.pausedBy === undefined ? '' : `paused by ${ring.pausedBy}; `;
  switch (ring.phase) {
    case 'not-started':
      return 'waits for the ring before it';
    case 'waiting-for-approval':
      return 'its turn: waiting for a second person to approve';
    case 'held':
      return `approved${ring.approvedBy === undefined ? '' : ` by ${ring.approvedBy}`}; held: ${paused}assigned once resumed`;
    case 'assigning':
      return 'being assigned';
    case 'soaking':
      return ring.soakEndsAt === undefined
        ? `${paused}soaking`
        : `${paused}soaking, ${timeLeft(ring.soakEndsAt, now)} left (until ${formatMoment(ring.soakEndsAt, now)})`;
    case 'gating':
      return `${paused}soaked; the gate is checked until it holds`;
    case 'passed':
      return 'done: its gate held';
    case 'assigned':
      return 'done: assigned';
    case 'halted':
      return 'halted: its gate failed';
    case 'failed':
      return 'the assignment failed';
    case 'never-assigned':
      return 'not assigned';
  }
}

function nextAction(run: RunRecord, timeline: RolloutTimeline, now: Date): string {
  if (timeline.halted) {
    return `Ring ${timeline.halted.name} halted the rollout. Roll it back (takes exactly its targets off again), or advance anyway; either is approved like any change.`;
  }
  if (run.status === 'done') return 'Every ring is assigned.';
  if (run.status === 'cancelled') return 'Cancelled: the rings assigned so far stay assigned; no further ring is.';
  if (run.status === 'failed') return 'Fix what the problem names, then press Retry.';
  const held = timeline.rings.find((ring) => ring.phase === 'held');
  if (held !== undefined) {
    return `Paused by ${held.pausedBy ?? 'someone'}: ring ${held.name} is approved and is assigned once someone types rollout resume.`;
  }
  if (timeline.pausedBy !== undefined) {
    return `Paused by ${timeline.pausedBy}: no gate is evaluated and no ring assigned until someone types rollout resume.`;
  }
  const current = timeline.rings.find((ring) => ring.phase !== 'passed' && ring.phase !== 'assigned');
  if (!current) return '';
  switch (current.phase) {
    case 'soaking':
      return current.soakEndsAt === undefined
        ? `Ring ${current.name} soaks; then its gate decides.`
        : `Ring ${current.name} soaks until ${formatMoment(current.soakEndsAt, now)}; then its gate (${current.gate ?? ''}) decides.`;
    case 'gating':
      return `I read ring ${current.name}'s gate at every check (Refresh reads it now).`;
    case 'waiting-for-approval':
      return `Someone other than ${run.requestedBy.name} approves ring ${current.name} on the approval card.`;
    default:
      return 'I go on by myself; the card updates by itself.';
  }
}

function nextSteps(run: RunRecord, timeline: RolloutTimeline): NextStep[] {
  if (timeline.halted) {
    return [
      { title: 'Roll back this ring', command: `rollout rollback ${run.id}` },
      ...(timeline.halted.index + 1 < timeline.rings.length
        ? [{ title: 'Advance anyway', command: `rollout advance ${run.id}` }]
        : []),
    ];
  }
  if (run.status !== 'active' && run.status !== 'waiting') return [];
  return timeline.pausedBy !== undefined
    ? [{ title: 'Resume', command: `rollout resume ${run.id}` }]
    : [{ title: 'Pause', command: `rollout pause ${run.id}` }];
}

/** "3 h 20 min", "12 min", "under a minute". */
function timeLeft(until: string, now: Date): string {
  const minutes = Math.floor((Date.parse(until) - now.getTime()) / 60_000);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (hours >= 48) return `${Math.floor(hours / 24)} days ${hours % 24} h`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export interface RolloutListView {
  readonly rollouts: readonly {
    runId: string;
    title: string;
    statusIcon: string;
    statusLabel: string;
    /** "✅ pilot · 🌱 broad: soaking, 3 h left · ⚪ all" */
    rings: string;
    requestedBy: string;
    when: string;
  }[];
}

const OPEN_FIRST: Record<RunRecord['status'], number> = { active: 0, waiting: 0, failed: 1, done: 2, cancelled: 2 };
const STATUS: Record<RunRecord['status'], readonly [string, string]> = {
  active: ['🔄', 'in progress'],
  waiting: ['⏳', 'going on'],
  done: ['✅', 'done'],
  failed: ['🛑', 'stopped'],
  cancelled: ['🚫', 'cancelled'],
};

/** Rollouts, open ones first (then stopped, then ended), newest first within each. */
export function toRolloutListView(runs: readonly RunRecord[], now: Date): RolloutListView {
  const ordered = [...runs].sort(
    (a, b) => OPEN_FIRST[a.status] - OPEN_FIRST[b.status] || b.createdAt.localeCompare(a.createdAt),
  );
  return {
    rollouts: ordered.map((run) => {
      const view = toRolloutView(run, now);
      const [statusIcon, statusLabel] = STATUS[run.status];
      return {
        runId: run.id,
        title: run.title,
        statusIcon,
        statusLabel,
        rings: view.rings.map((ring) => `${ring.icon} ${ring.name.replace(/^\d+\. /, '')}: ${ring.label}`).join(' · '),
        requestedBy: run.requestedBy.name,
        when: formatMoment(run.updatedAt, now),
      };
    }),
  };
}
