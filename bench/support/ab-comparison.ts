import { median, percentile } from './stats.js';

/** Fewer paired rounds than this leave no 95% confidence interval for the median ratio (2 × 0.5^5 > 0.05). */
export const MIN_PAIRED_ROUNDS = 6;

/** `faster` is the part of `not slower` where the ratio is below 1 by more than the noise. */
export type Verdict = 'faster' | 'not slower' | 'slower' | 'too few rounds';

export interface AbComparison {
  readonly rounds: number;
  readonly baselineMedian: number;
  readonly currentMedian: number;
  /** current median / baseline median. */
  readonly ratio: number;
  /** p99 from 100 paired rounds, p90 from 10, none below. */
  readonly tail: { readonly label: 'p90' | 'p99'; readonly ratio: number } | undefined;
  /**
   * Half the width of the distribution-free 95% confidence interval of the median per-round ratio (current over
   * baseline in the same round): how far the ratio moves from round to round in this run. Infinity below
   * MIN_PAIRED_ROUNDS.
   */
  readonly noise: number;
  readonly verdict: Verdict;
}

/**
 * The order-statistic rank k (1-based) such that [x(k), x(n+1-k)] covers the median with at least 95%: the largest k
 * with P(Binomial(n, 1/2) <= k - 1) <= 0.025 (the sign test). 0 when no such k exists.
 */
export function medianConfidenceRank(n: number): number {
  let cumulative = 0;
  let logProbability = -n * Math.LN2;
  let rank = 0;
  for (let below = 0; below < n; below += 1) {
    if (below > 0) logProbability += Math.log((n - below + 1) / below);
    cumulative += Math.exp(logProbability);
    if (cumulative > 0.025) break;
    rank = below + 1;
  }
  return rank;
}

/** Half-width of the 95% interval of the median of `values`; Infinity when too few values for one. */
export function medianNoise(values: readonly number[]): number {
  const rank = medianConfidenceRank(values.length);
  if (values.length < MIN_PAIRED_ROUNDS || rank === 0) return Number.POSITIVE_INFINITY;
  const sorted = [...values].sort((left, right) => left - right);
  const low = sorted[rank - 1] ?? Number.NaN;
  const high = sorted[values.length - rank] ?? Number.NaN;
  return (high - low) / 2;
}

/**
 * `baseline[i]` and `current[i]` are the times of round i, taken one right after the other (alternating which goes
 * first), so load on the machine hits both alike. Not slower: ratio of medians <= 1 + noise; faster: < 1 - noise.
 */
export function compareRounds(baseline: readonly number[], current: readonly number[]): AbComparison {
  if (baseline.length !== current.length || baseline.length === 0)
    throw new Error(`paired rounds needed, got ${baseline.length} baseline and ${current.length} current times`);
  const rounds = baseline.length;
  const baselineMedian = median(baseline);
  const currentMedian = median(current);
  const ratio = currentMedian / baselineMedian;
  const tailFraction = rounds >= 100 ? 0.99 : rounds >= 10 ? 0.9 : undefined;
  const tail =
    tailFraction === undefined
      ? undefined
      : {
          label: tailFraction === 0.99 ? ('p99' as const) : ('p90' as const),
          ratio: percentile(current, tailFraction) / percentile(baseline, tailFraction),
        };
  const noise = medianNoise(current.map((time, round) => time / (baseline[round] ?? Number.NaN)));
  const verdict: Verdict = !Number.isFinite(noise)
    ? 'too few rounds'
    : ratio < 1 - noise
      ? 'faster'
      : ratio <= 1 + noise
        ? 'not slower'
        : 'slower';
  return { rounds, baselineMedian, currentMedian, ratio, tail, noise, verdict };
}
