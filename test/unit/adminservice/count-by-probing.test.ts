import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_WINDOW, countByProbing } from '../../../adapters/adminservice/count-by-probing.js';
import { fail, gatewayError, ok } from '../../../core/errors/gateway-error.js';

/** A list of `total` rows read through windows; counts the reads and the rounds (reads started while none is pending). */
function listOf(total: number) {
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
    expect(top).toBeLessThanOrEqual(COUNT_WINDOW);
    await Promise.resolve();
    inFlight -= 1;
    return ok(Math.max(0, Math.min(top, total - skip)));
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

  it.each([
    [0, 1],
    [999, 1],
    [1000, 2],
    [10_015, 3],
  ])('counts %i rows in %i rounds', async (total, rounds) => {
    const { read, figures } = listOf(total);
    expect(await countByProbing(read)).toEqual(ok(total));
    expect(figures.rounds).toBe(rounds);
  });

  it('hands back the first failure, not a wrong count', async () => {
    const refused = fail<number>(gatewayError('AccessDenied', 'no access'));
    const result = await countByProbing(async (skip) => (skip === 0 ? ok(COUNT_WINDOW) : refused));
    expect(result).toEqual(refused);
  });
});
