import type { AuditPage, AuditRow } from '../../core/audit/audit-query.js';
import { formatMoment } from '../time-format.js';
import { creditOf, phraseOf } from './audit-phrases.js';

/** How many earlier page starts a card remembers for its Previous button. */
export const MAX_BACK_PAGES = 50;

/** What the audit.page buttons send back: the filters as typed, and where the page starts. */
export interface AuditPageData {
  readonly page: number;
  /** The cursor the page starts before; absent for the newest page. */
  readonly before?: string;
  /** The `before` of each earlier page, oldest first ('' for the newest page). */
  readonly back: readonly string[];
  readonly user?: string;
  readonly policy?: string;
  /** `--since` as an absolute moment (epoch ms), fixed when the command ran, and as the words typed. */
  readonly sinceMs?: number;
  readonly sinceWords?: string;
  /** Each run's step bookkeeping too (`audit --steps`). */
  readonly steps?: boolean;
}

export interface AuditLogView {
  readonly title: string;
  readonly summary: string;
  readonly rows: readonly { headline: string; line: string }[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly note: string;
  readonly hasNote: boolean;
  readonly details: readonly string[];
  readonly hasDetails: boolean;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly hasNewest: boolean;
  readonly previousData: AuditPageData;
  readonly nextData: AuditPageData;
  readonly newestData: AuditPageData;
}

export function toAuditLogView(page: AuditPage, position: AuditPageData, now: Date): AuditLogView {
  const filters = filterData(position);
  const previousBefore = position.back.at(-1);
  return {
    title: 'Audit log',
    summary: [
      `Newest first · page ${position.page}`,
      ...describeFilters(position),
      position.steps ? 'with each step' : 'steps folded into their runs (audit --steps shows them)',
    ].join(' · '),
    rows: page.rows.map((row) => toRowView(row, now)),
    isEmpty: page.rows.length === 0,
    emptyText: emptyText(position),
    note: page.searchedBackTo
      ? `Searched back to ${formatMoment(page.searchedBackTo, now)} without filling this page; Next page searches further back.`
      : '',
    hasNote: page.searchedBackTo !== undefined,
    details: page.rows.map(({ entry }) =>
      [
        `#${entry.seq}`,
        entry.action,
        entry.at,
        entry.target ?? '-',
        entry.actor.aadObjectId ?? entry.actor.channelUserId,
      ].join(' · '),
    ),
    hasDetails: page.rows.length > 0,
    hasPrevious: previousBefore !== undefined,
    hasNext: page.next !== undefined,
    hasNewest: position.page > 2 || (position.page > 1 && previousBefore === undefined),
    previousData: {
      ...filters,
      page: Math.max(1, position.page - 1),
      ...(previousBefore ? { before: previousBefore } : {}),
      back: position.back.slice(0, -1),
    },
    nextData: {
      ...filters,
      page: position.page + 1,
      ...(page.next ? { before: page.next } : {}),
      back: [...position.back, position.before ?? ''].slice(-MAX_BACK_PAGES),
    },
    newestData: { ...filters, page: 1, back: [] },
  };
}

function toRowView({ entry, subject }: AuditRow, now: Date): { headline: string; line: string } {
  const phrase = phraseOf(entry.action);
  const about = entry.action.startsWith('access.')
    ? entry.target
    : (subject?.title ?? 'a change that is no longer stored');
  const who = creditOf(entry, subject);
  return {
    headline: about ? `${who} ${phrase.did}: ${about}` : `${who} ${phrase.did}`,
    line: [
      formatMoment(entry.at, now),
      phrase.outcome,
      ...(subject?.step ? [`step: ${subject.step}`] : []),
      ...(subject && subject.policies.length > 0 ? [`policy: ${subject.policies.join(', ')}`] : []),
      ...(subject && subject.collections.length > 0 ? [`collections: ${subject.collections.join(', ')}`] : []),
    ].join(' · '),
  };
}

function filterData(position: AuditPageData): Pick<AuditPageData, 'user' | 'policy' | 'sinceMs' | 'sinceWords'> {
  return {
    ...(position.user ? { user: position.user } : {}),
    ...(position.policy ? { policy: position.policy } : {}),
    ...(position.sinceMs !== undefined ? { sinceMs: position.sinceMs } : {}),
    ...(position.sinceWords ? { sinceWords: position.sinceWords } : {}),
    ...(position.steps ? { steps: true } : {}),
  };
}

function describeFilters(position: AuditPageData): string[] {
  return [
    ...(position.user ? [`by ${position.user}`] : []),
    ...(position.policy ? [`policy ${position.policy}`] : []),
    ...(position.sinceWords ? [`last ${position.sinceWords}`] : []),
  ];
}

function emptyText(position: AuditPageData): string {
  if (position.page > 1) return 'No older entries.';
  const filters = describeFilters(position);
  return filters.length > 0
    ? `No audit entries ${filters.join(', ')}. Try a longer --since, or leave a filter out.`
    : 'The audit log is empty: nothing has been changed or refused yet.';
}
