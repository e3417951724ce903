import { buildAuditEntry } from '../../core/audit/build-entry.js';
import { positionAfter } from '../../core/audit/hash-chain.js';
import type { AuditEntry, AuditEntryInput, AuditLog, StoredAuditRecord } from '../../core/ports/audit-log.js';
import { type Clock, systemClock } from '../../core/ports/clock.js';
import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../../core/storage/conflict-budget.js';
import { AuditLogCorruptError, parseAuditEntry } from './audit-entry-schema.js';
import { createSerialQueue } from './serial-queue.js';
import { z } from 'zod';

const ENTRY_PREFIX = 'audit/';
const SEQ_DIGITS = 12;

/** The stored item: the entry, and which instance wrote it (outside the hash: it says who, not what happened). */
const storedEntrySchema = z.object({ entry: z.unknown(), writtenBy: z.string().optional() });

export interface StorageAuditLogOptions {
  /** Shared by every instance that writes the chain. */
  readonly storage: Storage;
  readonly clock?: Clock;
  /** This instance, recorded beside every entry it writes. */
  readonly writer?: string;
}

/**
 * The hash chain as one item per entry, keyed by its zero-padded seq. Entry `seq` is created with If-None-Match: *,
 * so when two instances race for the same seq exactly one wins; the other re-reads the head and chains after the
 * winner. The chain can therefore never fork, and no entry is ever rewritten. (Not an append blob: those stop at
 * 50,000 blocks, and appending needs the last hash anyway, which one-item-per-seq gives with one conditional write.)
 */
export function createStorageAuditLog(options: StorageAuditLogOptions): AuditLog {
  const { storage, clock = systemClock } = options;
  const queue = createSerialQueue();
  let head: AuditEntry | undefined;

  const readEntry = async (seq: number): Promise<AuditEntry | undefined> => {
    const item = await storage.get(keyOf(seq));
    return item === undefined ? undefined : entryOf(item.value, keyOf(seq));
  };

  /** The last entry: from the last one this instance saw, forward until a seq is free. */
  const findHead = async (): Promise<AuditEntry | undefined> => {
    let last = head;
    if (last === undefined) {
      const listed = await storage.list(ENTRY_PREFIX);
      const item = listed.at(-1);
      last = item === undefined ? undefined : entryOf(item.value, item.key);
    }
    for (;;) {
      const next = await readEntry(positionAfter(last).seq);
      if (next === undefined) return last;
      last = next;
    }
  };

  const appendNow = async (input: AuditEntryInput): Promise<AuditEntry> => {
    for (let conflicts = 0; conflicts < MAX_CONFLICTS_IN_A_ROW; conflicts += 1) {
      const last = await findHead();
      const entry = buildAuditEntry(input, positionAfter(last), clock.now());
      try {
        await storage.put(keyOf(entry.seq), { entry, writtenBy: options.writer }, { ifNoneMatch: '*' });
        head = entry;
        return entry;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        head = last;
      }
    }
    throw new ConflictBudgetExceededError(ENTRY_PREFIX);
  };

  /** Reads only: the end of the log in O(log n) gets when this instance has not seen it yet (never a full listing). */
  const headForReading = async (): Promise<number> => {
    if (head !== undefined) return (await findHead())?.seq ?? 0;
    const last = await probeLastSeq((seq) => storage.get(keyOf(seq)).then((item) => item !== undefined));
    return last;
  };

  return {
    append: (input) => queue.run(() => appendNow(input)),
    async readNewestFirst({ before, limit }) {
      const newest = before === undefined ? await headForReading() : Number(before) - 1;
      if (!Number.isSafeInteger(newest)) return [];
      const seqs = Array.from({ length: Math.max(0, Math.min(limit, newest)) }, (_, index) => newest - index);
      const entries = await Promise.all(seqs.map((seq) => readEntry(seq)));
      return entries.map((entry, index) => {
        if (entry === undefined) throw new AuditLogCorruptError('audit storage', keyOf(seqs[index] ?? 0), 'missing');
        return { entry, cursor: String(entry.seq) };
      });
    },
    async *records() {
      for (const item of await storage.list(ENTRY_PREFIX)) yield recordOf(item.value, item.key);
    },
    knownHead: () => head && { seq: head.seq, hash: head.hash },
    async read() {
      const entries = (await storage.list(ENTRY_PREFIX)).map((item) => entryOf(item.value, item.key));
      entries.forEach((entry, index) => {
        if (entry.seq !== index + 1) throw new AuditLogCorruptError('audit storage', keyOf(index + 1), 'missing');
      });
      return entries;
    },
  };
}

function entryOf(value: unknown, key: string): AuditEntry {
  const parsed = storedEntrySchema.safeParse(value);
  if (!parsed.success) throw new AuditLogCorruptError('audit storage', key, 'the item holds no entry');
  return parseAuditEntry(parsed.data.entry, 'audit storage', key);
}

function recordOf(value: unknown, key: string): StoredAuditRecord {
  try {
    return { where: key, entry: entryOf(value, key) };
  } catch (error) {
    if (error instanceof AuditLogCorruptError) return { where: key, unreadable: error.problem };
    throw error;
  }
}

/** The highest seq present, assuming seqs 1..n are all there: doubling, then halving, about 2·log2(n) gets. */
async function probeLastSeq(exists: (seq: number) => Promise<boolean>): Promise<number> {
  if (!(await exists(1))) return 0;
  let present = 1;
  let absent = 2;
  while (await exists(absent)) {
    present = absent;
    absent *= 2;
  }
  while (absent - present > 1) {
    const middle = Math.floor((present + absent) / 2);
    if (await exists(middle)) present = middle;
    else absent = middle;
  }
  return present;
}

/** Which instance wrote each entry, by seq. */
export async function auditWriters(storage: Storage): Promise<Map<number, string | undefined>> {
  const items = await storage.list(ENTRY_PREFIX);
  return new Map(
    items.map((item) => {
      const stored = storedEntrySchema.parse(item.value);
      return [entryOf(item.value, item.key).seq, stored.writtenBy];
    }),
  );
}

function keyOf(seq: number): string {
  return `${ENTRY_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}`;
}
