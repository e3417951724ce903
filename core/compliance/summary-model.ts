import type { PolicyProfile, PolicyTarget } from '../policy/policy-draft.js';
import { changeBetween, type ComplianceCounts, type CountsChange, percentOfReported } from './compliance-counts.js';
import type { ComplianceSnapshot, PolicyCompliance } from './compliance-snapshot.js';
import type { PostedNumbers } from './posted-numbers.js';

export interface PolicySummaryRow {
  readonly policyId: string;
  readonly name: string;
  readonly target: PolicyTarget;
  readonly profile?: PolicyProfile;
  /** Absent when the numbers could not be read; `error` says why. */
  readonly counts?: ComplianceCounts;
  /** Compliant among the devices that have reported; absent while none has (all pending, or none targeted). */
  readonly percent?: number;
  readonly error?: string;
  /** Against the previous post of this summary; `since` is when that post was made. Absent for the first summary. */
  readonly change?: { readonly since: Date; readonly by: CountsChange };
}

export interface ComplianceSummary {
  readonly takenAt: Date;
  /** When the previous summary of this stream was posted; absent for the first one. */
  readonly previousPostAt?: Date;
  readonly page: number;
  readonly pageCount: number;
  readonly policyCount: number;
  readonly rows: readonly PolicySummaryRow[];
}

export function toSummaryRow(policy: PolicyCompliance, baseline: ReadonlyMap<string, PostedNumbers>): PolicySummaryRow {
  const base = {
    policyId: policy.policyId,
    name: policy.name,
    target: policy.target,
    ...(policy.profile === undefined ? {} : { profile: policy.profile }),
  };
  if (!policy.result.ok) return { ...base, error: policy.result.message };
  const counts = policy.result.counts;
  const percent = percentOfReported(counts);
  const previous = baseline.get(policy.policyId);
  return {
    ...base,
    counts,
    ...(percent === undefined ? {} : { percent }),
    ...(previous ? { change: { since: previous.at, by: changeBetween(counts, previous.counts) } } : {}),
  };
}

/**
 * Worst first: unreadable policies (they may hide anything), then the lowest % compliant among reported devices, then
 * the most non-compliant and failed devices; then policies whose devices are all still pending, and policies with no
 * device targeted yet last. Ties by name, so the order is stable.
 */
export function worstFirst(left: PolicySummaryRow, right: PolicySummaryRow): number {
  return (
    rank(left) - rank(right) ||
    (left.percent ?? 0) - (right.percent ?? 0) ||
    problems(right) - problems(left) ||
    left.name.localeCompare(right.name) ||
    left.policyId.localeCompare(right.policyId)
  );
}

function rank(row: PolicySummaryRow): number {
  if (row.error !== undefined) return 0;
  if (row.percent !== undefined) return 1;
  return (row.counts?.targeted ?? 0) > 0 ? 2 : 3;
}

function problems(row: PolicySummaryRow): number {
  return (row.counts?.nonCompliant ?? 0) + (row.counts?.failed ?? 0);
}

/** One page of the summary, worst first; `page` is clamped into range. */
export function summarize(
  snapshot: ComplianceSnapshot,
  baseline: ReadonlyMap<string, PostedNumbers>,
  page: number,
  pageSize: number,
  previousPostAt?: Date,
): ComplianceSummary {
  const rows = snapshot.policies.map((policy) => toSummaryRow(policy, baseline)).sort(worstFirst);
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page)), pageCount);
  return {
    takenAt: snapshot.takenAt,
    ...(previousPostAt ? { previousPostAt } : {}),
    page: current,
    pageCount,
    policyCount: rows.length,
    rows: rows.slice((current - 1) * pageSize, current * pageSize),
  };
}
