import { open, readFile, truncate } from 'node:fs/promises';
import { buildAuditEntry } from '../../core/audit/build-entry.js';
import { type ChainPosition, positionAfter } from '../../core/audit/hash-chain.js';
import type { AuditEntry, AuditEntryInput, AuditHead, AuditLog } from '../../core/ports/audit-log.js';
import { type Clock, systemClock } from '../../core/ports/clock.js';
import { type Logger, silentLogger } from '../../core/ports/logger.js';
import { AuditLogCorruptError, parseAuditLine } from './audit-entry-schema.js';
import { recoverAuditTail } from './recover-audit-tail.js';
import { fileRecords, readFileNewestFirst } from './file-audit-records.js';
import { createSerialQueue } from './serial-queue.js';

export interface FileAuditLogOptions {
  /** A JSON-lines file; created with its folder when missing. */
  readonly file: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Append-only JSON lines, one hash-chained entry per line, each append synced before it resolves. One process per file. */
export async function createFileAuditLog(options: FileAuditLogOptions): Promise<AuditLog> {
  const { file, clock = systemClock } = options;
  const logger = (options.logger ?? silentLogger).child({ component: 'file-audit-log' });
  const recovered = await recoverAuditTail(file, logger);
  let next: ChainPosition = recovered.next;
  let endOffset = recovered.endOffset;
  const queue = createSerialQueue();

  const appendNow = async (input: AuditEntryInput): Promise<AuditEntry> => {
    const entry = buildAuditEntry(input, next, clock.now());
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    await appendSynced(file, line, endOffset, logger);
    next = positionAfter(entry);
    endOffset += line.length;
    return entry;
  };

  return {
    append: (input) => queue.run(() => appendNow(input)),
    read: () => queue.run(() => readAllEntries(file)),
    // The end is taken when the read starts: an append that lands meanwhile is on the next page 1, never half-read.
    readNewestFirst: ({ before, limit }) => readFileNewestFirst(file, endOffset, before, limit),
    records: () => fileRecords(file, endOffset),
    knownHead: () => headBefore(next),
  };
}

async function appendSynced(file: string, line: Buffer, endOffset: number, logger: Logger): Promise<void> {
  try {
    const handle = await open(file, 'a');
    try {
      await handle.appendFile(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await truncate(file, endOffset).catch((truncateError: unknown) => {
      logger.error({ file, error: String(truncateError) }, 'audit log: could not cut back a failed append');
    });
    throw error;
  }
}

function headBefore(next: ChainPosition): AuditHead | undefined {
  return next.seq > 1 ? { seq: next.seq - 1, hash: next.prevHash } : undefined;
}

async function readAllEntries(file: string): Promise<AuditEntry[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const trailing = lines.pop();
  if (trailing !== '') {
    throw new AuditLogCorruptError(file, `line ${lines.length + 1}`, 'the last line has no newline');
  }
  return lines.map((line, index) => parseAuditLine(line, file, `line ${index + 1}`));
}
