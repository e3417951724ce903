import { percentile } from './stats.js';

/** What a simulated user does next; `create+approve` is a plan by one user approved by another (two turns). */
export const LOAD_ACTIONS = [
  'help',
  'check',
  'collections',
  'runs',
  'approvals',
  'policy list',
  'compliance',
  'audit',
  'run.show',
  'create+approve',
] as const;
export type LoadAction = (typeof LOAD_ACTIONS)[number];

/** Relative weights of the mix: reads dominate, as in a chat where people look far more often than they change. */
export const LOAD_MIX: Readonly<Record<LoadAction, number>> = {
  help: 2,
  check: 1,
  collections: 1,
  runs: 2,
  approvals: 1,
  'policy list': 2,
  compliance: 1,
  audit: 1,
  'run.show': 2,
  'create+approve': 1,
};

/** The action whose cumulative weight first exceeds `draw` (in [0, 1)) times the total weight. */
export function pickAction(draw: number, mix: Readonly<Record<LoadAction, number>> = LOAD_MIX): LoadAction {
  const total = LOAD_ACTIONS.reduce((sum, action) => sum + mix[action], 0);
  let point = Math.min(Math.max(draw, 0), 1 - Number.EPSILON) * total;
  for (const action of LOAD_ACTIONS) {
    point -= mix[action];
    if (point < 0) return action;
  }
  return LOAD_ACTIONS[LOAD_ACTIONS.length - 1] ?? 'help';
}

export interface KindSummary {
  readonly kind: string;
  readonly turns: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/** Latency per turn kind (ms, from the POST to its answer), with the turns that failed counted apart. */
export function summarizeTurns(samples: readonly { kind: string; ms: number; ok: boolean }[]): KindSummary[] {
  const kinds = [...new Set(samples.map((sample) => sample.kind))].sort();
  return kinds.map((kind) => {
    const ofKind = samples.filter((sample) => sample.kind === kind);
    const times = ofKind.filter((sample) => sample.ok).map((sample) => sample.ms);
    return {
      kind,
      turns: ofKind.length,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      errors: ofKind.filter((sample) => !sample.ok).length,
    };
  });
}
