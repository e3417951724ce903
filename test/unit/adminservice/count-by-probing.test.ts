import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_WINDOW, countByProbing } from '../../../adapters/adminservice/count-by-probing.js';
import { fail, gatewayError, ok } from '../../../core/errors/gateway-error.js';

/**
 * A list of `total` rows read through windows, answered at most `cap` rows at a time (the AdminService's page limit is
 * not documented); counts the reads and the rounds (reads started while none is pending).
 */
function listOf(total: number, cap = Number.POSITIVE_INFINITY) {
  const figures = { reads: 0, rounds: 0, widest: 0, firstRound: 0 };
  let inFlight = 0;
  let roundWidth = 0;
  const read = async (skip: number, top: number) => {
    if (inFlight === 0) {
      figures.rounds += 1;
      roundWidth = 0;
    }
    inFlight += 1;
    roundWidth += 1;
    figures.widest = Math.max(figures.widest, roundWidth);
    if (figures.rounds === 1) figures.firstRound = roundWidth;
    figures.reads += 1;
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThanOrEqual(COUNT_WINDOW);
    await Promise.resolve();
    inFlight -= 1;
    const rows = Math.max(0, Math.min(top, cap, total - skip));
    return ok({ rows, cutShort: rows < top && skip + rows < total });
  };
  return { read, figures };
}

describe('countByProbing', () => {
  /**
   * The collections page's first round is five AdminService reads and the pool holds eight connections: a fourth
   * count read in that round would queue behind them and cost a round trip (bench/README.md).
   */
  it('counts any list exactly, in a few rounds of at most four reads, three in the first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 2_000_000 })),
        async (total) => {
          const { read, figures } = listOf(total);
          expect(await countByProbing(read)).toEqual(ok(total));
          expect(figures.widest).toBeLessThanOrEqual(4);
          expect(figures.firstRound).toBeLessThanOrEqual(3);
          if (total < COUNT_WINDOW) expect(figures.reads).toBe(3);
          if (total <= 256 * COUNT_WINDOW) expect(figures.rounds, `rounds for ${total}`).toBeLessThanOrEqual(6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts exactly behind any server page limit, learning it from the first read instead of paging each window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 256_000 })),
        fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 1500 })),
        async (total, cap) => {
          const { read, figures } = listOf(total, cap);
          expect(await countByProbing(read)).toEqual(ok(total));
          expect(figures.widest).toBeLessThanOrEqual(4);
          expect(figures.rounds, `rounds for ${total} behind ${cap}`).toBeLessThanOrEqual(12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    [0, Number.POSITIVE_INFINITY, 1],
    [999, Number.POSITIVE_INFINITY, 1],
    [1000, Number.POSITIVE_INFINITY, 2],
    [10_015, Number.POSITIVE_INFINITY, 3],
    [10_015, 250, 4],
  ])('counts %i rows behind a page limit of %d in %i rounds', async (total, cap, rounds) => {
    const { read, figures } = listOf(total, cap);
    expect(await countByProbing(read)).toEqual(ok(total));
    expect(figures.rounds).toBe(rounds);
  });

  it('hands back the first failure, not a wrong count', async () => {
    const refused = fail<{ rows: number; cutShort: boolean }>(gatewayError('AccessDenied', 'no access'));
    const result = await countByProbing(async (skip) =>
      skip === 0 ? ok({ rows: COUNT_WINDOW, cutShort: false }) : refused,
    );
    expect(result).toEqual(refused);
  });
});
