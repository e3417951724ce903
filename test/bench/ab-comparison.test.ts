import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRounds, medianConfidenceRank, medianNoise } from '../../bench/support/ab-comparison.js';

/** The sign test's rank from exact binomial sums, in integers. */
function exactRank(n: number): number {
  let rank = 0;
  let cumulative = 0n;
  let choose = 1n;
  for (let below = 0; below < n; below += 1) {
    if (below > 0) choose = (choose * BigInt(n - below + 1)) / BigInt(below);
    cumulative += choose;
    // cumulative / 2^n <= 0.025  <=>  40 * cumulative <= 2^n
    if (40n * cumulative > 1n << BigInt(n)) break;
    rank = below + 1;
  }
  return rank;
}

const steady = (ms: number, rounds: number): number[] => Array.from({ length: rounds }, () => ms);

describe('baseline comparison statistics', () => {
  it('ranks the 95% interval of a median as the exact sign test does', () => {
    for (let n = 1; n <= 200; n += 1) expect(medianConfidenceRank(n), `n = ${n}`).toBe(exactRank(n));
    expect(medianConfidenceRank(5)).toBe(0);
    expect(medianConfidenceRank(6)).toBe(1);
    expect(medianConfidenceRank(15)).toBe(4);
  });

  it('measures noise as half the interval between those ranks', () => {
    // 15 values: the interval is the 4th to the 12th smallest.
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].reverse();
    expect(medianNoise(values)).toBe((12 - 4) / 2);
    expect(medianNoise([1, 2, 3, 4, 5])).toBe(Number.POSITIVE_INFINITY);
  });

  it('finds the same code not slower, twice as slow slower and half the time faster', () => {
    const base = [100, 104, 98, 110, 101, 99, 103, 97, 105, 100, 102, 96, 108, 100, 101];
    expect(compareRounds(base, base)).toMatchObject({ ratio: 1, noise: 0, verdict: 'not slower' });
    expect(
      compareRounds(
        base,
        base.map((ms) => ms * 2),
      ),
    ).toMatchObject({ ratio: 2, verdict: 'slower' });
    expect(
      compareRounds(
        base,
        base.map((ms) => ms / 2),
      ),
    ).toMatchObject({ ratio: 0.5, verdict: 'faster' });
  });

  it('calls a higher median not slower while it stays within the round-to-round noise', () => {
    // Per-round ratios swing between 0.8 and 1.4: a median ratio of 1.05 is within noise.
    const baseline = steady(100, 10);
    const current = [80, 140, 90, 130, 105, 105, 85, 135, 95, 125];
    const comparison = compareRounds(baseline, current);
    expect(comparison.ratio).toBeCloseTo(1.05);
    expect(comparison.noise).toBeGreaterThan(0.05);
    expect(comparison.verdict).toBe('not slower');
    expect(compareRounds(baseline, steady(105, 10)).verdict).toBe('slower');
  });

  it('gives a p90 ratio from 10 rounds, a p99 from 100 and none below 10', () => {
    expect(compareRounds(steady(10, 9), steady(20, 9)).tail).toBeUndefined();
    expect(compareRounds(steady(10, 10), steady(20, 10)).tail).toEqual({ label: 'p90', ratio: 2 });
    const slowTail = [...steady(10, 99), 50];
    expect(compareRounds(steady(10, 100), slowTail).tail).toEqual({ label: 'p99', ratio: 1 });
    expect(compareRounds(steady(10, 100), [...steady(10, 98), 50, 50]).tail).toEqual({ label: 'p99', ratio: 5 });
  });

  it('says too few rounds below six, and refuses unpaired rounds', () => {
    expect(compareRounds(steady(10, 5), steady(10, 5)).verdict).toBe('too few rounds');
    expect(() => compareRounds([1, 2], [1])).toThrow(/paired rounds/);
    expect(() => compareRounds([], [])).toThrow(/paired rounds/);
  });

  it('does not depend on the unit or on the order of the rounds', () => {
    const times = fc.array(fc.double({ min: 1, max: 5000, noNaN: true }), { minLength: 6, maxLength: 40 });
    fc.assert(
      fc.property(times, times, fc.double({ min: 0.001, max: 1000, noNaN: true }), (a, b, scale) => {
        const n = Math.min(a.length, b.length);
        const [baseline, current] = [a.slice(0, n), b.slice(0, n)];
        const plain = compareRounds(baseline, current);
        const scaled = compareRounds(
          baseline.map((ms) => ms * scale),
          current.map((ms) => ms * scale),
        );
        const reversed = compareRounds([...baseline].reverse(), [...current].reverse());
        expect(scaled.ratio).toBeCloseTo(plain.ratio, 6);
        expect(scaled.noise).toBeCloseTo(plain.noise, 6);
        expect(reversed).toEqual(plain);
      }),
    );
  });
});
