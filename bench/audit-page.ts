/**
 * Benchmark: one page of `audit` from a file audit log of N entries (10k, 100k), against reading the whole log, and
 * `audit verify` (which must read every entry). Run with `npm run bench:audit` (builds with tsc, then runs under node).
 * Bytes read are exact (counted through the port); milliseconds depend on the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileAuditLog } from '../adapters/audit/file-audit-log.js';
import { readAuditPage } from '../core/audit/audit-query.js';
import { buildAuditEntry } from '../core/audit/build-entry.js';
import { CHAIN_START, positionAfter } from '../core/audit/hash-chain.js';
import { verifyAuditLog } from '../core/audit/verify-audit-log.js';
import type { AuditEntry, AuditLog } from '../core/ports/audit-log.js';
import { median } from './support/stats.js';

const SIZES = [10_000, 100_000];
const ROUNDS = 7;
const PAGE = 10;
const noSubjects = { of: async () => undefined };

/** Writes a valid chain of `count` realistic entries in one go (appending them one fsync at a time would take minutes). */
function writeChain(file: string, count: number): void {
  const lines: string[] = [];
  let previous: AuditEntry | undefined;
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let index = 0; index < count; index += 1) {
    const entry = buildAuditEntry(
      {
        actor: { aadObjectId: '7f3c2a10-5b1e-4c8d-9a6f-2e4b8c1d0a93', channelUserId: '29:1megan', name: 'Megan Bowen' },
        action: index % 3 === 0 ? 'approval.approved' : 'step.done',
        target: `run-${Math.floor(index / 5)}`,
        conversationId: 'a:1personal',
        details: { runKind: 'policy-create', stepId: `s-${index % 4}`, message: 'Policy created' },
      },
      previous === undefined ? CHAIN_START : positionAfter(previous),
      new Date(start + index * 60_000),
    );
    lines.push(JSON.stringify(entry));
    previous = entry;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function measure(action: () => Promise<unknown>): Promise<string> {
  await action();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) times.push(await timed(action));
  return median(times).toFixed(2);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'attachops-bench-audit-'));
  try {
    console.log('entries  | page 1 ms | page 500 ms | whole log read ms | verify ms | entries read per page');
    console.log('---------|-----------|-------------|-------------------|-----------|----------------------');
    for (const size of SIZES) {
      const file = join(dir, `audit-${size}.jsonl`);
      writeChain(file, size);
      const log = await createFileAuditLog({ file });
      let read = 0;
      const counted: AuditLog = {
        ...log,
        readNewestFirst: async (request) => {
          const entries = await log.readNewestFirst(request);
          read += entries.length;
          return entries;
        },
      };
      const firstPage = () => readAuditPage(counted, noSubjects, { filter: {}, pageSize: PAGE });
      // The cursor of page 500 (entries 5,000 back), as the Next button would carry it.
      const deep = (await counted.readNewestFirst({ limit: PAGE * 499 })).at(-1)?.cursor;
      const deepPage = () => readAuditPage(counted, noSubjects, { filter: {}, pageSize: PAGE, before: deep });
      read = 0;
      await firstPage();
      const perPage = read;
      console.log(
        [
          String(size).padEnd(8),
          (await measure(firstPage)).padEnd(9),
          (await measure(deepPage)).padEnd(11),
          (await measure(() => log.read())).padEnd(17),
          (await measure(() => verifyAuditLog(log.records(), log.knownHead()))).padEnd(9),
          String(perPage),
        ].join(' | '),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
