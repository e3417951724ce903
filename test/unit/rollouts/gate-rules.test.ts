import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counts } from '../compliance/fakes.js';
import { describeGateResult, evaluateGate } from '../../../core/rollouts/gate-evaluation.js';
import {
  DEFAULT_GATE,
  formatGate,
  GATE_MEASURES,
  GATE_OPERATORS,
  type GateRule,
  parseGate,
} from '../../../core/rollouts/gate-rules.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';

function titleOf(typed: string): string {
  try {
    parseGate(typed);
  } catch (error) {
    if (isUserFacingError(error)) return error.title;
    throw error;
  }
  return 'parsed';
}

const rule: fc.Arbitrary<GateRule> = fc.oneof(
  fc.record({
    measure: fc.constantFrom(...GATE_MEASURES),
    operator: fc.constantFrom(...GATE_OPERATORS),
    value: fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10),
    unit: fc.constant('percent' as const),
  }),
  fc.record({
    measure: fc.constantFrom(...GATE_MEASURES),
    operator: fc.constantFrom(...GATE_OPERATORS),
    value: fc.integer({ min: 0, max: 100_000 }),
    unit: fc.constant('devices' as const),
  }),
);
const distinctRules = fc.uniqueArray(rule, {
  minLength: 1,
  maxLength: 6,
  selector: (one) => `${one.measure}${one.operator.charAt(0)}`,
});

describe('the gate parser', () => {
  it('reads the default gate', () => {
    expect(parseGate(DEFAULT_GATE)).toEqual([
      { measure: 'reported', operator: '>=', value: 80, unit: 'percent' },
      { measure: 'failed', operator: '<=', value: 2, unit: 'percent' },
      { measure: 'noncompliant', operator: '<=', value: 10, unit: 'percent' },
    ]);
    expect(formatGate(parseGate(DEFAULT_GATE))).toBe(DEFAULT_GATE);
  });

  it('reads back what it writes, whatever the rules', () => {
    fc.assert(
      fc.property(distinctRules, (rules) => {
        expect(parseGate(formatGate(rules))).toEqual(rules);
      }),
    );
  });

  it('takes spaces, capitals, non-compliant and => as typed by hand', () => {
    fc.assert(
      fc.property(distinctRules, fc.constantFrom(' ', '  ', ''), (rules, gap) => {
        const typed = rules
          .map(
            (one) =>
              `${one.measure.toUpperCase()}${gap}${one.operator}${gap}${one.value}${one.unit === 'percent' ? '%' : ''}`,
          )
          .join(`${gap},${gap}`);
        expect(parseGate(typed)).toEqual(rules);
      }),
    );
    expect(parseGate('non-compliant=<5%')).toEqual([
      { measure: 'noncompliant', operator: '<=', value: 5, unit: 'percent' },
    ]);
  });

  it('answers any text with rules or a named card, never with a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (typed) => {
        try {
          parseGate(typed);
        } catch (error) {
          expect(isUserFacingError(error)).toBe(true);
        }
      }),
    );
  });

  it('names each kind of mistake', () => {
    expect(titleOf('')).toBe('The gate has no rules');
    expect(titleOf('reported>=80%,,failed<=2%')).toBe('An empty gate rule');
    expect(titleOf('reported at least 80%')).toBe('A gate rule I cannot read');
    expect(titleOf('healthy>=80%')).toBe('An unknown gate measure');
    expect(titleOf('failed=2%')).toBe('A gate rule needs a bound');
    expect(titleOf('reported>=120%')).toBe('A percentage over 100');
    expect(titleOf('failed<=2.5')).toBe('A device count must be whole');
    expect(titleOf('failed<=2%, failed<=3%')).toBe('A gate rule is given twice');
    expect(titleOf('failed<=2%, failed>=1')).toBe('parsed');
  });
});

describe('the gate against the figures', () => {
  const gate = parseGate(DEFAULT_GATE);

  it('holds for a healthy ring, with each figure beside its threshold', () => {
    const result = evaluateGate(gate, counts(95, 3, 1, 1));
    expect(result.holds).toBe(true);
    expect(describeGateResult(result)).toBe(
      'reported 99% (meets >=80%), failed 1% (meets <=2%), noncompliant 3% (meets <=10%)',
    );
  });

  it('fails when too many failed, measured against the devices that reported', () => {
    const result = evaluateGate(gate, counts(80, 0, 10, 10));
    expect(result.holds).toBe(false);
    expect(result.onlyReportingShort).toBe(false);
    expect(result.rules.find((one) => one.rule.measure === 'failed')?.measured).toBeCloseTo(11.11, 1);
  });

  it('tells a ring that has only not reported enough from one that is unhealthy', () => {
    const result = evaluateGate(gate, counts(50, 0, 0, 50));
    expect(result.holds).toBe(false);
    expect(result.onlyReportingShort).toBe(true);
  });

  it('never holds with nothing to measure', () => {
    expect(evaluateGate(gate, counts(0)).holds).toBe(false);
    expect(evaluateGate(gate, counts(0, 0, 0, 20)).holds).toBe(false);
    expect(evaluateGate(parseGate('failed<=0'), counts(0, 0, 0, 20)).holds).toBe(true);
  });

  it('holds exactly when every rule holds (property)', () => {
    fc.assert(
      fc.property(
        distinctRules,
        fc.nat(500),
        fc.nat(100),
        fc.nat(100),
        fc.nat(200),
        (rules, compliant, nonCompliant, failed, pending) => {
          const result = evaluateGate(rules, counts(compliant, nonCompliant, failed, pending));
          expect(result.holds).toBe(result.rules.every((one) => one.holds));
          expect(result.rules).toHaveLength(rules.length);
        },
      ),
    );
  });
});
