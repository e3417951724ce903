import type { AuditEntry, AuditEntryAt, AuditLog } from '../ports/audit-log.js';
import type { AuditSubject, AuditSubjects } from './audit-subject.js';

export interface AuditFilter {
  /** A person's display name, or one word of it, case-insensitive. */
  readonly user?: string;
  /** A policy name, case-insensitive. */
  readonly policy?: string;
  /** Only entries written at or after this moment. */
  readonly since?: Date;
  /** Leaves out a run's step bookkeeping (`step.*`): the run's own entries say how it went. */
  readonly hideSteps?: boolean;
}

export interface AuditPageRequest {
  readonly filter: AuditFilter;
  /** The `next` of the page before (older entries than its last); the newest page when absent. */
  readonly before?: string;
  readonly pageSize: number;
}

export interface AuditRow {
  readonly entry: AuditEntry;
  readonly subject?: AuditSubject;
}

export interface AuditPage {
  /** Newest first. */
  readonly rows: readonly AuditRow[];
  /** Where the next (older) page starts; absent when nothing older matches. */
  readonly next?: string;
  /** How many entries were read to make this page (the cost of the page). */
  readonly scanned: number;
  /** Set when the search stopped at its limit before the page was full: `next` searches on from there. */
  readonly searchedBackTo?: string;
}

/** At most this many entries are read for one page, so a filter that matches nothing never reads the whole log. */
export const MAX_SCANNED_PER_PAGE = 2000;
const FILTERED_BATCH = 100;

/**
 * One page of the log, newest first, filtered. Reads backwards from `before` and stops as soon as the page (plus one
 * entry, to know whether there is a next page) is full, an entry is older than `since`, or the scan limit is reached.
 */
export async function readAuditPage(
  log: AuditLog,
  subjects: AuditSubjects,
  request: AuditPageRequest,
  scanLimit = MAX_SCANNED_PER_PAGE,
): Promise<AuditPage> {
  const { filter, pageSize } = request;
  const filtered = filter.user !== undefined || filter.policy !== undefined || filter.hideSteps === true;
  const batch = filtered ? Math.max(FILTERED_BATCH, pageSize + 1) : pageSize + 1;
  const since = filter.since?.getTime();
  const matched: { row: AuditRow; cursor: string }[] = [];
  let before = request.before;
  let scanned = 0;
  for (;;) {
    const read: AuditEntryAt[] = await log.readNewestFirst({ ...(before ? { before } : {}), limit: batch });
    prefetchSubjects(read, filter, subjects, pageSize + 1 - matched.length);
    for (const { entry, cursor } of read) {
      if (since !== undefined && Date.parse(entry.at) < since) return { rows: rowsOf(matched), scanned };
      scanned += 1;
      const row = await matchingRow(entry, filter, subjects);
      if (row) matched.push({ row, cursor });
      if (matched.length > pageSize)
        return { rows: rowsOf(matched.slice(0, pageSize)), next: matched[pageSize - 1]?.cursor, scanned };
      if (scanned >= scanLimit && read.length > 0)
        return { rows: rowsOf(matched), next: cursor, scanned, searchedBackTo: entry.at };
    }
    const last = read.at(-1);
    if (read.length < batch || last === undefined) return { rows: rowsOf(matched), scanned };
    before = last.cursor;
  }
}

/**
 * Starts looking up, all at once, the runs and approvals named by the entries the page will most likely show (those
 * the cheap filters keep, up to what the page still needs): the look-ups run side by side, `subjects` keeps each, and
 * the loop then awaits them in order. Nothing beyond the page is read.
 */
function prefetchSubjects(
  read: readonly AuditEntryAt[],
  filter: AuditFilter,
  subjects: AuditSubjects,
  needed: number,
): void {
  if (needed <= 0) return;
  const since = filter.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const likely = read
    .filter(({ entry }) => Date.parse(entry.at) >= since && passesCheapFilters(entry, filter))
    .slice(0, needed);
  for (const { entry } of likely) void subjects.of(entry).catch(() => undefined);
}

function passesCheapFilters(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.hideSteps === true && isStepEntry(entry.action)) return false;
  return filter.user === undefined || nameMatches(entry.actor.name, filter.user);
}

async function matchingRow(
  entry: AuditEntry,
  filter: AuditFilter,
  subjects: AuditSubjects,
): Promise<AuditRow | undefined> {
  if (!passesCheapFilters(entry, filter)) return undefined;
  const subject = await subjects.of(entry);
  if (filter.policy !== undefined && !policyMatches(subject, filter.policy)) return undefined;
  return subject ? { entry, subject } : { entry };
}

/** A run's step bookkeeping: each step done, skipped, waiting, verified. */
export function isStepEntry(action: string): boolean {
  return action.startsWith('step.');
}

/** `megan`, `Megan Bowen` and `bowen` all name Megan Bowen. */
export function nameMatches(name: string, typed: string): boolean {
  const wanted = typed.trim().toLowerCase();
  const full = name.trim().toLowerCase();
  return full === wanted || full.split(/\s+/).includes(wanted);
}

function policyMatches(subject: AuditSubject | undefined, typed: string): boolean {
  const wanted = typed.trim().toLowerCase();
  return subject?.policies.some((policy) => policy.toLowerCase() === wanted) ?? false;
}

function rowsOf(matched: readonly { row: AuditRow }[]): AuditRow[] {
  return matched.map(({ row }) => row);
}
