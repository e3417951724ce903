import type { Fact } from './facts.js';
import type { RuleArea, RuleResult } from './rule-result.js';

/** What a rule says about itself whatever the facts: the parts of its result that never change. */
export interface RuleBase {
  readonly id: string;
  readonly area: RuleArea;
  readonly title: string;
  readonly docLink?: string;
}

/** A rule whose facts could not be read: `unknown`, with the read's reason and fix. */
export function unreadable(
  base: RuleBase,
  fact: Exclude<Fact<unknown>, { status: 'read' }>,
  skippedFix?: string,
): RuleResult {
  if (fact.status === 'failed')
    return { ...base, status: 'unknown', evidence: fact.failure.reason, fix: fact.failure.fix };
  return {
    ...base,
    status: 'unknown',
    evidence: fact.reason,
    ...(skippedFix === undefined ? {} : { fix: skippedFix }),
  };
}
