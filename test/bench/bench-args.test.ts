import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BenchArgsError,
  DEFAULT_BASELINE,
  DEFAULT_HELP_TURNS,
  DEFAULT_ROUNDS,
  parseBenchArgs,
} from '../../bench/support/bench-args.js';

const baseline = (overrides: object) => ({
  mode: 'baseline',
  ref: DEFAULT_BASELINE,
  dir: undefined,
  rounds: DEFAULT_ROUNDS,
  helpTurns: DEFAULT_HELP_TURNS,
  sandbox: 'current',
  ...overrides,
});

describe('npm run bench arguments', () => {
  it('without arguments runs the round-trip table', () => {
    expect(parseBenchArgs([])).toEqual({ mode: 'round-trips' });
  });

  it('--baseline alone compares against the commit before issue 16', () => {
    expect(parseBenchArgs(['--baseline'])).toEqual(baseline({}));
    expect(parseBenchArgs(['--baseline', '--rounds', '9'])).toEqual(baseline({ rounds: 9 }));
  });

  it('takes the ref after --baseline or after =', () => {
    expect(parseBenchArgs(['--baseline', 'd042e6e'])).toEqual(baseline({ ref: 'd042e6e' }));
    expect(parseBenchArgs(['--baseline=main~3', '--help-turns=50'])).toEqual(
      baseline({ ref: 'main~3', helpTurns: 50 }),
    );
  });

  it('--sandbox own runs the baseline bot against its own sandbox code', () => {
    expect(parseBenchArgs(['--baseline', '--sandbox', 'own'])).toEqual(baseline({ sandbox: 'own' }));
    expect(parseBenchArgs(['--sandbox=current', '--baseline'])).toEqual(baseline({}));
  });

  it('--baseline-dir uses a built checkout instead of a ref', () => {
    expect(parseBenchArgs(['--baseline-dir', '/tmp/old'])).toEqual(baseline({ ref: undefined, dir: '/tmp/old' }));
  });

  it.each([
    [['--rounds', '5'], /go with --baseline/],
    [['--sandbox', 'own'], /go with --baseline/],
    [['--baseline', '--sandbox', 'old'], /'current' or 'own', got old/],
    [['--baseline', '--rounds', '0'], /--rounds needs a whole number >= 1, got 0/],
    [['--baseline', '--rounds', '2.5'], /got 2.5/],
    [['--baseline', '--rounds'], /got nothing/],
    [['--baseline='], /needs a git ref/],
    [['--baseline-dir'], /needs the path/],
    [['--baseline', 'main', '--baseline-dir', '/tmp/old'], /alternatives/],
    [['--baseline', 'main', 'extra'], /unknown argument 'extra'/],
    [['--latency', '100'], /unknown argument '--latency'/],
  ])('refuses %j, saying why', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('reads back any ref and counts, whichever order the flags come in', () => {
    const ref = fc.string({ minLength: 1 }).filter((text) => !text.startsWith('--'));
    fc.assert(
      fc.property(ref, fc.nat(), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1 }), (text, order, r, h) => {
        const flags = [
          ['--baseline', text],
          ['--rounds', String(r)],
          ['--help-turns', String(h)],
        ];
        const rotated = [...flags.slice(order % 3), ...flags.slice(0, order % 3)].flat();
        expect(parseBenchArgs(rotated)).toEqual(baseline({ ref: text, rounds: r, helpTurns: h }));
      }),
    );
  });

  it('refuses any other argument with a BenchArgsError, never another error', () => {
    const known = new Set(['--baseline', '--baseline-dir', '--rounds', '--help-turns', '--sandbox']);
    fc.assert(
      fc.property(
        fc.string().filter((text) => !known.has(text.split('=')[0] ?? '')),
        (text) => {
          expect(() => parseBenchArgs([text])).toThrow(BenchArgsError);
        },
      ),
    );
  });
});
