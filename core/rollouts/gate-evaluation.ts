import { type ComplianceCounts, reportedCount } from '../compliance/compliance-counts.js';
import { formatRule, type GateMeasure, type GateRule } from './gate-rules.js';

/** One rule against the figures: the measured value (undefined when there is nothing to measure yet) and whether it holds. */
export interface RuleResult {
  readonly rule: GateRule;
  readonly measured: number | undefined;
  readonly holds: boolean;
}

export interface GateResult {
  readonly holds: boolean;
  readonly rules: readonly RuleResult[];
  /** Whether the only rules that fail are `reported` ones (still waiting for devices may help). */
  readonly onlyReportingShort: boolean;
}

/**
 * The gate against one reading of the policy's counts. `reported` is measured against the devices targeted; the
 * other measures against the devices that reported, so devices still pending neither pass nor fail a ring. A
 * percentage with no devices to measure (nothing targeted or nothing reported yet) does not hold.
 */
export function evaluateGate(rules: readonly GateRule[], counts: ComplianceCounts): GateResult {
  const results = rules.map((rule) => {
    const measured = measure(rule, counts);
    return { rule, measured, holds: measured !== undefined && compare(rule, measured) };
  });
  const failing = results.filter((result) => !result.holds);
  return {
    holds: failing.length === 0,
    rules: results,
    onlyReportingShort: failing.length > 0 && failing.every((result) => result.rule.measure === 'reported'),
  };
}

function measure(rule: GateRule, counts: ComplianceCounts): number | undefined {
  const reported = reportedCount(counts);
  const count = countOf(rule.measure, counts, reported);
  if (rule.unit === 'devices') return count;
  const base = rule.measure === 'reported' ? counts.targeted : reported;
  return base <= 0 ? undefined : (count / base) * 100;
}

function countOf(measure: GateMeasure, counts: ComplianceCounts, reported: number): number {
  switch (measure) {
    case 'reported':
      return reported;
    case 'compliant':
      return counts.compliant;
    case 'noncompliant':
      return counts.nonCompliant;
    case 'failed':
      return counts.failed;
  }
}

function compare(rule: GateRule, measured: number): boolean {
  switch (rule.operator) {
    case '>=':
      return measured >= rule.value;
    case '<=':
      return measured <= rule.value;
    case '>':
      return measured > rule.value;
    case '<':
      return measured < rule.value;
  }
}

/** "reported 96% (≥ 80%), failed 0.5% (≤ 2%)", each rule's figure beside its threshold, a failing one marked. */
export function describeGateResult(result: GateResult): string {
  return result.rules
    .map(({ rule, measured, holds }) => {
      const shown =
        measured === undefined
          ? 'nothing to measure yet'
          : rule.unit === 'percent'
            ? `${roundFigure(measured)}%`
            : `${measured} devices`;
      return `${rule.measure} ${shown} (${holds ? 'meets' : 'misses'} ${formatRule(rule).slice(rule.measure.length)})`;
    })
    .join(', ');
}

function roundFigure(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
