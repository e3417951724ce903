import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { nameMatches, readAuditPage, type AuditFilter } from '../../../core/audit/audit-query.js';
import type { AuditSubject, AuditSubjects } from '../../../core/audit/audit-subject.js';
import type { AuditEntry, AuditLog } from '../../../core/ports/audit-log.js';
import { steppingClock } from './audit-fixtures.js';

const PEOPLE = ['Megan Bowen', 'Adele Vance', 'Alex Wilber'] as const;
const POLICIES = ['EDR Servers', 'AV Laptops'] as const;

/** Entry i: by PEOPLE[i % 3], about run `run-(i % 4)`, whose policy is POLICIES[i % 4 % 2]. */
async function filledLog(length: number): Promise<AuditLog> {
  const log = createMemoryAuditLog(steppingClock('2026-11-20T00:00:00.000Z'));
  for (let index = 0; index < length; index += 1) {
    const name = PEOPLE[index % PEOPLE.length] ?? '';
    await log.append({
      actor: { channelUserId: `29:${index % 3}`, name },
      action: 'run.started',
      target: `run-${index % 4}`,
    });
  }
  return log;
}

const subjects: AuditSubjects = {
  async of(entry: AuditEntry): Promise<AuditSubject | undefined> {
    const run = Number(entry.target?.slice('run-'.length));
    return { title: `Run ${run}`, policies: [POLICIES[run % 2] ?? ''], collections: [] };
  },
};

/** Counts what the page reads from the log, to hold the cost of a page to what it shows. */
function counting(log: AuditLog): { log: AuditLog; read: () => number } {
  let read = 0;
  return {
    log: {
      ...log,
      async readNewestFirst(request) {
        const entries = await log.readNewestFirst(request);
        read += entries.length;
        return entries;
      },
    },
    read: () => read,
  };
}

async function allPages(log: AuditLog, filter: AuditFilter, pageSize: number): Promise<number[][]> {
  const pages: number[][] = [];
  let before: string | undefined;
  do {
    const page = await readAuditPage(log, subjects, { filter, pageSize, ...(before ? { before } : {}) });
    pages.push(page.rows.map((row) => row.entry.seq));
    before = page.next;
  } while (before !== undefined);
  return pages;
}

describe('audit pages', () => {
  it('pages through any log newest first, each entry once, in pages of the asked size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 }), async (length, size) => {
        const pages = await allPages(await filledLog(length), {}, size);
        expect(pages.flat()).toEqual(Array.from({ length }, (_, index) => length - index));
        expect(pages.slice(0, -1).every((page) => page.length === size)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('filters by person and by policy, and keeps paging through the matches only', async () => {
    const log = await filledLog(40);
    const megan = (await allPages(log, { user: 'megan' }, 5)).flat();
    expect(megan).toEqual(Array.from({ length: 40 }, (_, index) => 40 - index).filter((seq) => (seq - 1) % 3 === 0));
    const edr = (await allPages(log, { policy: 'edr servers', user: 'Adele Vance' }, 3)).flat();
    expect(edr).toEqual(
      Array.from({ length: 40 }, (_, index) => 40 - index).filter((seq) => (seq - 1) % 3 === 1 && (seq - 1) % 2 === 0),
    );
  });

  it('stops at --since: older entries are neither shown nor read', async () => {
    const log = counting(await filledLog(100));
    // Entry i was written at 00:00:00 + i seconds; keep the last 10.
    const since = new Date(Date.parse('2026-11-20T00:00:00.000Z') + 90_000);
    const page = await readAuditPage(log.log, subjects, { filter: { since }, pageSize: 50 });
    expect(page.rows.map((row) => row.entry.seq)).toEqual([100, 99, 98, 97, 96, 95, 94, 93, 92, 91]);
    expect(page.next).toBeUndefined();
    expect(log.read()).toBeLessThanOrEqual(51);
  });

  it('reads one page plus one entry for an unfiltered page, wherever the page is in a long log', async () => {
    const log = counting(await filledLog(5000));
    const first = await readAuditPage(log.log, subjects, { filter: {}, pageSize: 10 });
    expect(log.read()).toBe(11);
    await readAuditPage(log.log, subjects, { filter: {}, pageSize: 10, before: first.next });
    expect(log.read()).toBe(22);
  });

  it('gives up a search after the scan limit and says how far back it looked; next continues from there', async () => {
    const log = await filledLog(300);
    const page = await readAuditPage(log, subjects, { filter: { user: 'nobody' }, pageSize: 10 }, 120);
    expect(page).toMatchObject({ rows: [], scanned: 120, next: '181' });
    expect(page.searchedBackTo).toBe(new Date(Date.parse('2026-11-20T00:00:00.000Z') + 180_000).toISOString());
  });

  it('matches a person by full name or by one word of it, case-insensitively', () => {
    expect(nameMatches('Megan Bowen', 'megan')).toBe(true);
    expect(nameMatches('Megan Bowen', 'BOWEN')).toBe(true);
    expect(nameMatches('Megan Bowen', 'megan bowen')).toBe(true);
    expect(nameMatches('Megan Bowen', 'meg')).toBe(false);
  });

  it('leaves step bookkeeping out when asked, and pages over what is left as if the steps were never there', async () => {
    const log = createMemoryAuditLog(steppingClock('2026-11-20T00:00:00.000Z'));
    const actions = ['run.started', 'step.done', 'step.done', 'approval.approved', 'step.verified', 'run.done'];
    for (let round = 0; round < 4; round += 1)
      for (const action of actions)
        await log.append({ actor: { channelUserId: '29:0', name: 'Megan Bowen' }, action, target: 'run-0' });
    const pages = await allPages(log, { hideSteps: true }, 5);
    const shown = pages.flat();
    expect(shown).toHaveLength(4 * 3);
    const everything = await readAuditPage(log, subjects, { filter: {}, pageSize: 100 });
    const stepSeqs = everything.rows.filter((row) => row.entry.action.startsWith('step.')).map((row) => row.entry.seq);
    expect(stepSeqs).toHaveLength(4 * 3);
    expect(shown.filter((seq) => stepSeqs.includes(seq))).toEqual([]);
    expect(shown).toEqual([...shown].sort((left, right) => right - left));
  });
});
