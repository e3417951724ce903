import { UserFacingError } from '../user-facing-error.js';

/** What a gate rule measures: `reported` against the devices targeted, the others against the devices reported. */
export const GATE_MEASURES = ['reported', 'compliant', 'noncompliant', 'failed'] as const;
export type GateMeasure = (typeof GATE_MEASURES)[number];

export const GATE_OPERATORS = ['>=', '<=', '>', '<'] as const;
export type GateOperator = (typeof GATE_OPERATORS)[number];

/** One threshold: `failed<=2%` (a percentage) or `failed<=5` (a number of devices). */
export interface GateRule {
  readonly measure: GateMeasure;
  readonly operator: GateOperator;
  readonly value: number;
  readonly unit: 'percent' | 'devices';
}

export const DEFAULT_GATE = 'reported>=80%, failed<=2%, noncompliant<=10%';

const EXAMPLE = `for example "${DEFAULT_GATE}"`;
const RULE = /^([a-z-]+)\s*(>=|<=|=>|=<|>|<|=)\s*(\d+(?:\.\d+)?)\s*(%?)$/;
const MEASURE_WORDS: Record<string, GateMeasure> = {
  reported: 'reported',
  compliant: 'compliant',
  noncompliant: 'noncompliant',
  'non-compliant': 'noncompliant',
  failed: 'failed',
};

/** Parses `--gate`: rules separated by commas; every mistake is a named card saying how to write it. */
export function parseGate(typed: string): GateRule[] {
  const parts = typed.split(',').map((part) => part.trim().toLowerCase());
  if (parts.every((part) => part === '')) {
    throw new UserFacingError('The gate has no rules', '--gate was given without any rule.', `Write rules ${EXAMPLE}.`);
  }
  const rules = parts.map(parseRule);
  const seen = new Set<string>();
  for (const rule of rules) {
    const key = `${rule.measure}${rule.operator.charAt(0)}`;
    if (seen.has(key)) {
      throw new UserFacingError(
        'A gate rule is given twice',
        `The gate has two "${rule.measure}${rule.operator.charAt(0)}…" rules; it would be unclear which one counts.`,
        'Keep one rule per measure and direction.',
      );
    }
    seen.add(key);
  }
  return rules;
}

function parseRule(part: string): GateRule {
  if (part === '') {
    throw new UserFacingError(
      'An empty gate rule',
      'The gate has two commas in a row or a comma at the end.',
      `Separate rules with single commas, ${EXAMPLE}.`,
    );
  }
  const match = RULE.exec(part);
  if (!match) {
    throw new UserFacingError(
      'A gate rule I cannot read',
      `"${part}" is not a rule: a rule is a measure, a comparison and a number, like failed<=2%.`,
      `Write rules ${EXAMPLE}.`,
    );
  }
  const [, word = '', operator = '', amount = '', percent = ''] = match;
  const measure = MEASURE_WORDS[word];
  if (measure === undefined) {
    throw new UserFacingError(
      'An unknown gate measure',
      `"${word}" is not something the compliance report counts.`,
      `Use ${GATE_MEASURES.join(', ')}.`,
    );
  }
  if (operator === '=') {
    throw new UserFacingError(
      'A gate rule needs a bound',
      `"${part}" asks for an exact value; a gate sets a least or a most.`,
      `Write ${word}>=${amount}${percent} or ${word}<=${amount}${percent}.`,
    );
  }
  const value = Number(amount);
  if (percent === '%' && value > 100) {
    throw new UserFacingError(
      'A percentage over 100',
      `"${part}" asks for more than all devices.`,
      'Give a percentage from 0 to 100.',
    );
  }
  if (percent === '' && !Number.isInteger(value)) {
    throw new UserFacingError(
      'A device count must be whole',
      `"${part}" counts devices, which come in whole numbers.`,
      `Write a whole number, or add % for a percentage: ${word}${operator}${amount}%.`,
    );
  }
  return {
    measure,
    operator: normalOperator(operator),
    value,
    unit: percent === '%' ? 'percent' : 'devices',
  };
}

function normalOperator(operator: string): GateOperator {
  if (operator === '=>') return '>=';
  if (operator === '=<') return '<=';
  return operator as GateOperator;
}

/** The rules as the plan and the cards show them, and as the run stores them: `reported>=80%, failed<=2%`. */
export function formatGate(rules: readonly GateRule[]): string {
  return rules.map(formatRule).join(', ');
}

export function formatRule(rule: GateRule): string {
  return `${rule.measure}${rule.operator}${rule.value}${rule.unit === 'percent' ? '%' : ''}`;
}
