import { formatMoment } from '../time-format.js';
import type { ComplianceSummary, PolicySummaryRow } from '../../core/compliance/summary-model.js';
import {
  changeLine,
  chartFallback,
  countFacts,
  type CountFact,
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

/** What the compliance.policy button sends: the policy to open; the server checks it is AttachOps-managed. */
export interface CompliancePolicyData {
  readonly policyId: string;
}

export interface CompliancePolicyRowView {
  readonly name: string;
  readonly targetLabel: string;
  readonly headline: string;
  readonly headlineColor: string;
  readonly hasFacts: boolean;
  readonly facts: readonly CountFact[];
  readonly changeLine: string;
  readonly hasChart: boolean;
  readonly chartData: readonly DonutSlice[];
  readonly chartFallback: string;
  readonly canDrillIn: boolean;
  readonly drillData: ComplianceDevicesData;
  readonly policyData: CompliancePolicyData;
}

export interface ComplianceSummaryView {
  readonly title: string;
  readonly subtitle: string;
  readonly sinceLine: string;
  readonly rows: readonly CompliancePolicyRowView[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly hasDetails: boolean;
  readonly details: readonly string[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousData: CompliancePageData;
  readonly nextData: CompliancePageData;
}

export function toCompliancePolicyRowView(row: PolicySummaryRow, now: Date): CompliancePolicyRowView {
  const counts = row.counts;
  const hasChart = counts !== undefined && counts.targeted > 0;
  const facts = counts && counts.targeted > 0 ? countFacts(counts) : [];
  return {
    name: shorten(row.name),
    targetLabel: targetLabel(row.target),
    headline: headline(row),
    headlineColor: headlineColor(row),
    hasFacts: facts.length > 0,
    facts,
    changeLine: changeLine(row, now),
    hasChart,
    chartData: hasChart ? donutSlices(counts) : [],
    chartFallback: hasChart ? chartFallback(counts) : '',
    canDrillIn: row.target === 'intune' && counts !== undefined && counts.nonCompliant + counts.failed > 0,
    drillData: { policyId: row.policyId, page: 1 },
    policyData: { policyId: row.policyId },
  };
}

/** Why a policy's numbers could not be read, for the Details part (the service's words may name internals). */
export function errorDetails(rows: readonly PolicySummaryRow[]): string[] {
  return rows.flatMap((row) =>
    row.error === undefined ? [] : [`${shorten(row.name, 60)}: ${shorten(row.error, 200)}`],
  );
}

export function toComplianceSummaryView(
  summary: ComplianceSummary,
  options: { now: Date; title?: string; subscriptionId?: string },
): ComplianceSummaryView {
  const pageData = (page: number): CompliancePageData => ({
    page,
    ...(options.subscriptionId ? { subscriptionId: options.subscriptionId } : {}),
  });
  const count = summary.policyCount === 1 ? '1 policy' : `${summary.policyCount} policies`;
  const details = errorDetails(summary.rows);
  return {
    title: options.title ?? 'Endpoint security compliance',
    subtitle: [
      `Data as of ${formatMoment(summary.takenAt, options.now)}`,
      count,
      'worst first',
      summary.pageCount > 1 ? `page ${summary.page} of ${summary.pageCount}` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · '),
    sinceLine: summary.previousPostAt
      ? `Changes are since the previous summary here, posted ${formatMoment(summary.previousPostAt, options.now)}.`
      : 'This is the first summary here; the next one shows what changed since this one.',
    rows: summary.rows.map((row) => toCompliancePolicyRowView(row, options.now)),
    isEmpty: summary.rows.length === 0,
    emptyText: 'AttachOps manages no endpoint security policy yet. Create one with policy create, then assign it.',
    hasDetails: details.length > 0,
    details,
    ...pagingView(summary.page, summary.pageCount, pageData),
  };
}
