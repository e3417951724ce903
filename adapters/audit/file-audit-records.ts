import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { AuditEntryAt, StoredAuditRecord } from '../../core/ports/audit-log.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { AuditLogCorruptError, parseAuditLine } from './audit-entry-schema.js';
import { readLineAt, readLinesBackward } from './read-lines-backward.js';

/** A file cursor: the entry's seq and the byte offset its line starts at, checked against the file before use. */
function cursorOf(seq: number, start: number): string {
  return `${seq}@${start}`;
}

const CURSOR = /^(\d{1,15})@(\d{1,15})$/;

/** Entries before the cursor's line (or before `end`), newest first: reads only those lines and the cursor's own. */
export async function readFileNewestFirst(
  file: string,
  end: number,
  before: string | undefined,
  limit: number,
): Promise<AuditEntryAt[]> {
  const handle = await open(file, 'r');
  try {
    const upTo = before === undefined ? end : await checkedCursorStart(handle, file, before, end);
    const lines = await readLinesBackward(handle, upTo, limit);
    return lines.map(({ text, start }) => {
      const entry = parseAuditLine(text, file, `byte ${start}`);
      return { entry, cursor: cursorOf(entry.seq, start) };
    });
  } finally {
    await handle.close();
  }
}

async function checkedCursorStart(
  handle: Awaited<ReturnType<typeof open>>,
  file: string,
  cursor: string,
  end: number,
): Promise<number> {
  const match = CURSOR.exec(cursor);
  const start = Number(match?.[2] ?? -1);
  const line = match && start < end ? await readLineAt(handle, start, end) : undefined;
  let seq: number | undefined;
  try {
    seq = line === undefined ? undefined : parseAuditLine(line, file, `byte ${start}`).seq;
  } catch (error) {
    if (!(error instanceof AuditLogCorruptError)) throw error;
  }
  if (seq === undefined || String(seq) !== match?.[1]) {
    throw new UserFacingError(
      'That page of the audit log is no longer where it was',
      'The button pointed at a place in the audit log that does not hold the entry it expected.',
      'Type audit to start again from the newest entries.',
    );
  }
  return start;
}

/**
 * Every line of the file before byte `end` (taken when called, so a later append is not half-read), in order, each an
 * entry or the reason it is not one. Streams: memory stays flat however long the log is.
 */
export async function* fileRecords(file: string, end: number): AsyncGenerator<StoredAuditRecord> {
  if (end <= 0) return;
  const input = createReadStream(file, { encoding: 'utf8', start: 0, end: end - 1 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    const where = `line ${number}`;
    try {
      yield { where, entry: parseAuditLine(line, file, where) };
    } catch (error) {
      if (!(error instanceof AuditLogCorruptError)) throw error;
      yield { where, unreadable: error.problem };
    }
  }
}
