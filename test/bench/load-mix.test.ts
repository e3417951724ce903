import { describe, expect, it } from 'vitest';
import { parseLoadArgs } from '../../bench/support/load-args.js';
import { LOAD_ACTIONS, LOAD_MIX, pickAction, summarizeTurns } from '../../bench/support/load-mix.js';

describe('the load bench mix', () => {
  it('picks each action in proportion to its weight over evenly spread draws', () => {
    const total = LOAD_ACTIONS.reduce((sum, action) => sum + LOAD_MIX[action], 0);
    const draws = total * 1000;
    const counts = new Map<string, number>();
    for (let index = 0; index < draws; index += 1) {
      const action = pickAction(index / draws);
      counts.set(action, (counts.get(action) ?? 0) + 1);
    }
    // Draws on a boundary may fall either side of it (floating point): one off at most.
    for (const action of LOAD_ACTIONS)
      expect(Math.abs((counts.get(action) ?? 0) - 1000 * LOAD_MIX[action])).toBeLessThanOrEqual(1);
  });

  it('keeps draws at and past the ends inside the mix', () => {
    expect(pickAction(0)).toBe(LOAD_ACTIONS[0]);
    expect(pickAction(1)).toBe(LOAD_ACTIONS[LOAD_ACTIONS.length - 1]);
    expect(pickAction(-1)).toBe(LOAD_ACTIONS[0]);
  });

  it('summarizes latency per kind from the turns that succeeded and counts the failed ones apart', () => {
    const samples = [
      ...Array.from({ length: 100 }, (_, index) => ({ kind: 'help', ms: index + 1, ok: true })),
      { kind: 'help', ms: 99_999, ok: false },
      { kind: 'runs', ms: 7, ok: true },
    ];
    expect(summarizeTurns(samples)).toEqual([
      { kind: 'help', turns: 101, p50: 50, p99: 99, errors: 1 },
      { kind: 'runs', turns: 1, p50: 7, p99: 7, errors: 0 },
    ]);
  });

  it('reads its flags, with 60 s, 50 users and up to 1 s of thinking unless told', () => {
    expect(parseLoadArgs([])).toEqual({ seconds: 60, users: 50, thinkMs: 1000, instances: 2 });
    expect(parseLoadArgs(['--seconds', '10', '--users=10', '--think-ms', '0'])).toEqual({
      seconds: 10,
      users: 10,
      thinkMs: 0,
      instances: 2,
    });
    expect(parseLoadArgs(['--instances', '1']).instances).toBe(1);
    expect(() => parseLoadArgs(['--users', '0'])).toThrow(/--users needs a whole number >= 1/);
    expect(() => parseLoadArgs(['--rounds', '3'])).toThrow(/unknown argument/);
  });
});
