import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../../adapters/audit/file-audit-log.js';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createStorageAuditLog } from '../../../adapters/audit/storage-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { verifyAuditLog } from '../../../core/audit/verify-audit-log.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import type { Storage } from '../../../core/ports/storage.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { entryInput, steppingClock } from './audit-fixtures.js';

const createdDirs: string[] = [];

afterEach(async () => {
  await Promise.all(createdDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attachops-audit-read-'));
  createdDirs.push(dir);
  return join(dir, 'audit.jsonl');
}

/** Entries with ~1 KB of details each, so 150 of them span three 64 KiB read chunks. */
async function fill(log: AuditLog, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) await log.append(entryInput(index, { note: 'x'.repeat(1000), index }));
}

async function seqsNewestFirst(log: AuditLog, pageSize: number): Promise<number[]> {
  const seqs: number[] = [];
  let before: string | undefined;
  for (;;) {
    const read = await log.readNewestFirst({ ...(before ? { before } : {}), limit: pageSize });
    seqs.push(...read.map((at) => at.entry.seq));
    if (read.length < pageSize) return seqs;
    before = read.at(-1)?.cursor;
  }
}

/** Get calls of a storage, to show a page costs its own entries. */
function countingGets(storage: Storage): {
  storage: Storage;
  gets: () => number;
  lists: () => number;
  pages: () => number;
} {
  let gets = 0;
  let lists = 0;
  let pages = 0;
  return {
    storage: {
      ...storage,
      get: (key) => ((gets += 1), storage.get(key)),
      list: (prefix) => ((lists += 1), storage.list(prefix)),
      page: (prefix, request) => ((pages += 1), storage.page(prefix, request)),
    },
    gets: () => gets,
    lists: () => lists,
    pages: () => pages,
  };
}

const logs: [string, () => Promise<AuditLog>][] = [
  ['memory', async () => createMemoryAuditLog(steppingClock())],
  ['file', async () => createFileAuditLog({ file: await freshFile(), clock: steppingClock() })],
  ['storage', async () => createStorageAuditLog({ storage: createMemoryStorage(), clock: steppingClock() })],
];

for (const [name, open] of logs) {
  describe(`${name} audit log, read newest first`, () => {
    it('returns every entry once, newest first, across pages of any size', async () => {
      const log = await open();
      await fill(log, 150);
      const expected = Array.from({ length: 150 }, (_, index) => 150 - index);
      expect(await seqsNewestFirst(log, 7)).toEqual(expected);
      expect(await seqsNewestFirst(log, 150)).toEqual(expected);
      expect(await log.readNewestFirst({ limit: 5 })).toHaveLength(5);
    });

    it('reads nothing from an empty log, and knows its head after appends', async () => {
      const log = await open();
      expect(await log.readNewestFirst({ limit: 10 })).toEqual([]);
      expect(log.knownHead()).toBeUndefined();
      const last = await log.append(entryInput(0));
      expect(log.knownHead()).toEqual({ seq: 1, hash: last.hash });
    });

    it('hands its records to verification, which finds them intact', async () => {
      const log = await open();
      await fill(log, 12);
      expect(await verifyAuditLog(log.records(), log.knownHead())).toMatchObject({ intact: true, count: 12 });
    });
  });
}

describe('file audit log, pages and tampering', () => {
  it('refuses a cursor that does not point at the entry it names, with a card-ready explanation', async () => {
    const log = await createFileAuditLog({ file: await freshFile(), clock: steppingClock() });
    await fill(log, 3);
    const [newest] = await log.readNewestFirst({ limit: 1 });
    const seq = Number(newest?.cursor.split('@')[0]);
    const forged = `${seq - 1}@${newest?.cursor.split('@')[1] ?? ''}`;
    const failure: unknown = await log.readNewestFirst({ before: forged, limit: 1 }).catch((error: unknown) => error);
    expect(isUserFacingError(failure)).toBe(true);
  });

  it('lets verification find a line edited by hand, by its line number', async () => {
    const file = await freshFile();
    const log = await createFileAuditLog({ file, clock: steppingClock() });
    await fill(log, 5);
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[3] = (lines[3] ?? '').replace('"approval.grant"', '"approval.denied"');
    await writeFile(file, lines.join('\n'));
    expect(await verifyAuditLog(log.records(), log.knownHead())).toMatchObject({
      intact: false,
      problem: { kind: 'changed', entryNumber: 4, where: 'line 4' },
    });
  });
});

describe('storage audit log, cost of a page', () => {
  it('finds the end of a log it has not seen in about 2·log2(n) gets, then reads a page in one listing per 100 seqs', async () => {
    const shared = createMemoryStorage();
    await fill(createStorageAuditLog({ storage: shared, clock: steppingClock() }), 1000);
    const counted = countingGets(shared);
    const reader = createStorageAuditLog({ storage: counted.storage });
    const page = await reader.readNewestFirst({ limit: 11 });
    expect(page.map((at) => at.entry.seq)).toEqual([1000, 999, 998, 997, 996, 995, 994, 993, 992, 991, 990]);
    expect(counted.lists()).toBe(0);
    expect(counted.gets()).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1000)) + 2);
    expect(counted.pages()).toBe(2); // seqs 1000 and 990..999 are two blocks of 100
    const [gets, pages] = [counted.gets(), counted.pages()];
    const next = await reader.readNewestFirst({ before: page.at(-1)?.cursor, limit: 100 });
    expect(next.map((at) => at.entry.seq)).toEqual(Array.from({ length: 100 }, (_, index) => 989 - index));
    expect(counted.gets() - gets).toBe(0);
    expect(counted.pages() - pages).toBe(2);
  });
});
