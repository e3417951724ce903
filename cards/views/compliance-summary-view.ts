import { formatUtcMinute } from '../../core/time-format.js';
import type { ComplianceSummary, PolicySummaryRow } from '../../core/compliance/summary-model.js';
import {
  changeLine,
  chartFallback,
  countsLine,
  type DonutSlice,
  donutSlices,
  headline,
  headlineColor,
  pagingView,
  shorten,
  targetLabel,
} from './compliance-format.js';

/** What the compliance.page button sends: the page, and the subscription whose policies it lists (if any). */
export interface CompliancePageData {
  readonly page: number;
  readonly subscriptionId?: string;
}

/** What the compliance.devices button sends: nothing the server does not check again. */
export interface ComplianceDevicesData {
  readonly policyId: string;
  readonly page: number;
}

export interface CompliancePolicyRowView {
  readonly name: string;
  readonly targetLabel: string;
  readonly headline: string;
  readonly headlineColor: string;
  readonly countsLine: string;
  readonly changeLine: string;
  readonly hasChart: boolean;
  readonly chartData: readonly DonutSlice[];
  readonly chartFallback: string;
  readonly canDrillIn: boolean;
  readonly drillData: ComplianceDevicesData;
}

export interface ComplianceSummaryView {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly CompliancePolicyRowView[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousData: CompliancePageData;
  readonly nextData: CompliancePageData;
}

export function toCompliancePolicyRowView(row: PolicySummaryRow): CompliancePolicyRowView {
  const counts = row.counts;
  const hasChart = counts !== undefined && counts.targeted > 0;
  return {
    name: shorten(row.name),
    targetLabel: targetLabel(row.target),
    headline: headline(row),
    headlineColor: headlineColor(row),
    countsLine: counts ? countsLine(counts) : '',
    changeLine: changeLine(row),
    hasChart,
    chartData: hasChart ? donutSlices(counts) : [],
    chartFallback: hasChart ? chartFallback(counts) : '',
    canDrillIn: row.target === 'intune' && counts !== undefined && counts.nonCompliant + counts.failed > 0,
    drillData: { policyId: row.policyId, page: 1 },
  };
}

export function toComplianceSummaryView(
  summary: ComplianceSummary,
  options: { title?: string; subscriptionId?: string } = {},
): ComplianceSummaryView {
  const pageData = (page: number): CompliancePageData => ({
    page,
    ...(options.subscriptionId ? { subscriptionId: options.subscriptionId } : {}),
  });
  const count = summary.policyCount === 1 ? '1 policy' : `${summary.policyCount} policies`;
  return {
    title: options.title ?? 'Endpoint security compliance',
    subtitle: [
      `Data as of ${formatUtcMinute(summary.takenAt)}`,
      count,
      'worst first',
      summary.pageCount > 1 ? `page ${summary.page} of ${summary.pageCount}` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · '),
    rows: summary.rows.map(toCompliancePolicyRowView),
    isEmpty: summary.rows.length === 0,
    emptyText: 'AttachOps manages no EDR or Antivirus policy yet. Create one with policy create, then assign it.',
    ...pagingView(summary.page, summary.pageCount, pageData),
  };
}
