import type { ComplianceCounts, CountsChange } from '../../core/compliance/compliance-counts.js';
import { isUnchanged, reportedCount } from '../../core/compliance/compliance-counts.js';
import type { PolicySummaryRow } from '../../core/compliance/summary-model.js';
import type { PolicyTarget } from '../../core/policy/policy-draft.js';
import { formatMoment } from '../time-format.js';

/** Long names are cut so a full page of policies stays far below Teams' 28 KB card limit. */
export const MAX_POLICY_NAME_LENGTH = 80;
export const NO_DEVICES_TARGETED = 'No devices targeted yet';

export interface DonutSlice {
  readonly legend: string;
  readonly value: number;
  readonly color: string;
}

export function shorten(text: string, max = MAX_POLICY_NAME_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(percent >= 99.95 || percent < 0.05 ? 0 : 1)}%`;
}

export function targetLabel(target: PolicyTarget): string {
  return target === 'configmgr' ? 'ConfigMgr collections (tenant attach)' : 'Intune (Azure AD groups)';
}

/**
 * The line an admin reads first. Intune counts devices that have not reported yet as pending, so the percentage is of
 * the devices that HAVE reported, always next to "x of y reported"; while none has reported the policy is pending,
 * never "0% compliant".
 */
export function headline(row: PolicySummaryRow): string {
  if (row.error !== undefined) return 'Numbers unavailable this time';
  const counts = row.counts;
  if (!counts || counts.targeted <= 0) return NO_DEVICES_TARGETED;
  const reported = `${reportedCount(counts)} of ${counts.targeted} ${counts.targeted === 1 ? 'device' : 'devices'} reported`;
  if (row.percent === undefined) return `Pending: ${reported} yet`;
  const compliant = counts.pending > 0 ? 'of reported devices compliant' : 'compliant';
  return `${formatPercent(row.percent)} ${compliant} · ${reported}`;
}

/** Red only for devices that reported a problem; pending and empty policies stay neutral. */
export function headlineColor(row: PolicySummaryRow): string {
  if (row.error !== undefined) return 'Attention';
  if (row.percent === undefined) return 'Default';
  return row.percent >= 90 ? 'Good' : row.percent >= 70 ? 'Warning' : 'Attention';
}

export interface CountFact {
  readonly title: string;
  readonly value: string;
}

/** The numbers beside the donut, one per line so a narrow column never squeezes them. */
export function countFacts(counts: ComplianceCounts): CountFact[] {
  return [
    { title: 'Reported', value: `${reportedCount(counts)} of ${counts.targeted}` },
    { title: 'Compliant', value: String(counts.compliant) },
    { title: 'Not compliant', value: String(counts.nonCompliant) },
    { title: 'Failed', value: String(counts.failed) },
    { title: 'Pending', value: String(counts.pending) },
  ];
}

export function countsLine(counts: ComplianceCounts): string {
  return countFacts(counts)
    .map((fact) => `${fact.title} ${fact.value}`)
    .join(' · ');
}

/** What changed since the previous post of this summary, said with that post's time read against `now`. */
export function changeLine(row: PolicySummaryRow, now: Date): string {
  if (row.error !== undefined) return 'The next summary tries again; Details says what went wrong.';
  if (!row.change) return 'First summary of this policy here.';
  const since = `the previous summary (${formatMoment(row.change.since, now)})`;
  if (isUnchanged(row.change.by)) return `No change since ${since}.`;
  return `Since ${since}: ${describeChange(row.change.by)}.`;
}

function describeChange(change: CountsChange): string {
  const parts = [
    signed(change.compliant, 'compliant'),
    signed(change.nonCompliant, 'not compliant'),
    signed(change.failed, 'failed'),
    signed(change.pending, 'pending'),
    signed(change.targeted, 'targeted'),
  ].filter((part) => part !== undefined);
  const points =
    change.percentPoints === undefined || Math.abs(change.percentPoints) < 0.05
      ? undefined
      : `${change.percentPoints > 0 ? '+' : '−'}${Math.abs(change.percentPoints).toFixed(1)} pts`;
  return [...parts, ...(points ? [points] : [])].join(', ');
}

function signed(delta: number, label: string): string | undefined {
  if (delta === 0) return undefined;
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta)} ${label}`;
}

/**
 * Slices for Teams' Chart.Donut; empty slices are left out. The chart's semantic colours as cards use them (Adaptive
 * Cards: good = success, warning = needs a look, attention = something is wrong): a device that failed to apply the
 * policy is the problem (attention, red), one that applied it and is not compliant needs a look (warning).
 */
export function donutSlices(counts: ComplianceCounts): DonutSlice[] {
  const slices: DonutSlice[] = [
    { legend: 'Compliant', value: counts.compliant, color: 'good' },
    { legend: 'Not compliant', value: counts.nonCompliant, color: 'warning' },
    { legend: 'Failed', value: counts.failed, color: 'attention' },
    { legend: 'Pending', value: counts.pending, color: 'neutral' },
  ];
  return slices.filter((slice) => slice.value > 0);
}

/** What clients without charts show instead of the donut. */
export function chartFallback(counts: ComplianceCounts): string {
  return donutSlices(counts)
    .map((slice) => `${slice.legend}: ${slice.value}`)
    .join(' · ');
}

/** Previous/next buttons of a paged card, with the verb data each button sends. */
export function pagingView<D>(page: number, pageCount: number, dataFor: (page: number) => D) {
  return {
    hasPrevious: page > 1,
    hasNext: page < pageCount,
    previousData: dataFor(Math.max(1, page - 1)),
    nextData: dataFor(page + 1),
  };
}
