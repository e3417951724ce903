import type { ComplianceCounts, CountsChange } from '../../core/compliance/compliance-counts.js';
import { isUnchanged } from '../../core/compliance/compliance-counts.js';
import type { PolicySummaryRow } from '../../core/compliance/summary-model.js';
import type { PolicyTarget } from '../../core/policy/policy-draft.js';
import { formatUtcMinute } from '../../core/time-format.js';

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

export function headline(row: PolicySummaryRow): string {
  if (row.error !== undefined) return 'Numbers unavailable';
  if (row.percent === undefined) return NO_DEVICES_TARGETED;
  return `${formatPercent(row.percent)} compliant`;
}

export function headlineColor(row: PolicySummaryRow): string {
  if (row.error !== undefined) return 'Attention';
  if (row.percent === undefined) return 'Default';
  return row.percent >= 90 ? 'Good' : row.percent >= 70 ? 'Warning' : 'Attention';
}

export function countsLine(counts: ComplianceCounts): string {
  return [
    `Targeted ${counts.targeted}`,
    `compliant ${counts.compliant}`,
    `not compliant ${counts.nonCompliant}`,
    `failed ${counts.failed}`,
    `pending ${counts.pending}`,
    `enforced ${counts.enforced}`,
  ].join(' · ');
}

export function changeLine(row: PolicySummaryRow): string {
  if (row.error !== undefined) return shorten(row.error, 200);
  if (!row.change) return 'First summary of this policy here.';
  const since = formatUtcMinute(row.change.since);
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

/** Slices for Teams' Chart.Donut; empty slices are left out. */
export function donutSlices(counts: ComplianceCounts): DonutSlice[] {
  const slices: DonutSlice[] = [
    { legend: 'Compliant', value: counts.compliant, color: 'good' },
    { legend: 'Not compliant', value: counts.nonCompliant, color: 'attention' },
    { legend: 'Failed', value: counts.failed, color: 'warning' },
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
