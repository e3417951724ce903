import { appendFile, mkdir, open, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CHAIN_START, type ChainPosition, positionAfter, verifyChain } from '../../core/audit/hash-chain.js';
import type { AuditEntry } from '../../core/ports/audit-log.js';
import type { Logger } from '../../core/ports/logger.js';
import { syncDirectory } from '../storage/sync-directory.js';
import { AuditLogCorruptError, parseAuditLine } from './audit-entry-schema.js';
import { readFileTail } from './read-file-tail.js';

const TAIL_LINES_TO_VERIFY = 2;

export interface RecoveredTail {
  readonly next: ChainPosition;
  readonly endOffset: number;
}

/**
 * Finds where the chain continues. Verifies the last lines (throws AuditLogCorruptError when they do not chain), and
 * repairs a last line cut short by a crash: kept when it is a whole entry that chains, dropped with a warning otherwise.
 */
export async function recoverAuditTail(file: string, logger: Logger): Promise<RecoveredTail> {
  await ensureFileExists(file);
  const tail = await readFileTail(file, TAIL_LINES_TO_VERIFY);
  const entries = tail.lines.map((line, index) =>
    parseAuditLine(line, file, tail.fromStart ? `line ${index + 1}` : `tail line ${index + 1}`),
  );
  verifyTail(file, entries, tail.fromStart);
  const last = entries.at(-1);
  if (tail.fragment === '') {
    return { next: positionAfter(last), endOffset: tail.completeEnd };
  }
  const completed = entryCompletedBy(tail.fragment, last, file);
  if (completed !== undefined) {
    await appendSyncedNewline(file);
    logger.warn({ file, seq: completed.seq }, 'audit log: completed the last line, whose newline was missing');
    return { next: positionAfter(completed), endOffset: tail.completeEnd + Buffer.byteLength(`${tail.fragment}\n`) };
  }
  await truncate(file, tail.completeEnd);
  logger.warn(
    { file, droppedBytes: Buffer.byteLength(tail.fragment) },
    'audit log: dropped a partly written last line left by a crash',
  );
  return { next: positionAfter(last), endOffset: tail.completeEnd };
}

function verifyTail(file: string, entries: AuditEntry[], fromStart: boolean): void {
  const first = entries[0];
  if (first === undefined) {
    return;
  }
  const verdict = verifyChain(entries, fromStart ? CHAIN_START : { seq: first.seq, prevHash: first.prevHash });
  if (!verdict.ok) {
    throw new AuditLogCorruptError(file, `seq ${verdict.seq}`, verdict.reason);
  }
}

function entryCompletedBy(fragment: string, last: AuditEntry | undefined, file: string): AuditEntry | undefined {
  try {
    const candidate = parseAuditLine(fragment, file, 'the unfinished last line');
    return verifyChain([candidate], positionAfter(last)).ok ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function ensureFileExists(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  await handle.close();
  await syncDirectory(dirname(file));
}

async function appendSyncedNewline(file: string): Promise<void> {
  await appendFile(file, '\n');
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
