import { buildAuditEntry } from '../../core/audit/build-entry.js';
import { CHAIN_START, type ChainPosition } from '../../core/audit/hash-chain.js';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditHead,
  AuditLog,
  StoredAuditRecord,
} from '../../core/ports/audit-log.js';
import { type Clock, systemClock } from '../../core/ports/clock.js';
import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../../core/storage/conflict-budget.js';
import { AuditLogCorruptError, parseAuditEntry } from './audit-entry-schema.js';
import { createSerialQueue } from './serial-queue.js';
import { z } from 'zod';

const ENTRY_PREFIX = 'audit/';
/** Not under ENTRY_PREFIX: listings of the entries never see it. */
const HEAD_KEY = 'audit-head';
const SEQ_DIGITS = 12;
/** Entries read together: the keys that differ only in their last BLOCK_DIGITS digits. */
const BLOCK_DIGITS = 2;
const BLOCK_SIZE = 10 ** BLOCK_DIGITS;

/** The stored item: the entry, and which instance wrote it (outside the hash: it says who, not what happened). */
const storedEntrySchema = z.object({ entry: z.unknown(), writtenBy: z.string().optional() });

/** The head item: the seq and hash of the last entry, as its writer left them. */
const headSchema = z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

interface StoredHint extends AuditHead {
  readonly eTag: string;
}

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
 *
 * Beside the entries, one head item (`audit-head`, outside `audit/`) holds the seq and hash of the last entry; the writer
 * of an entry moves it forward with compare-and-swap after the entry is written. It is a hint, never the record: an
 * append reads it (one request) instead of reading, one by one, every entry the other instances wrote since this one
 * last looked, and its conditional write of seq + 1 still proves the seq free. A hint that lags (its writer stopped
 * between the two writes) costs a walk over the entries it lags by, and the next writer moves it on; a hint edited by
 * hand to a wrong hash makes the next entry's prevHash wrong, which verification reports as a break.
 */
export function createStorageAuditLog(options: StorageAuditLogOptions): AuditLog {
  const { storage, clock = systemClock } = options;
  const queue = createSerialQueue();
  /** The last entry this instance has seen (written or read): only ever moves forward. */
  let head: AuditHead | undefined;
  const remember = (seen: AuditHead | undefined): void => {
    if (seen !== undefined && (head === undefined || seen.seq > head.seq)) head = { seq: seen.seq, hash: seen.hash };
  };

  const readEntry = async (seq: number): Promise<AuditEntry | undefined> => {
    const item = await storage.get(keyOf(seq));
    return item === undefined ? undefined : entryOf(item.value, keyOf(seq));
  };

  /** The shared head item, when there is one and it parses. */
  /**
   * Entries by seq, one listing per block of 100 consecutive seqs (the keys that share all but their last two digits)
   * instead of one read per entry: a listing page carries small items' values (blob metadata, blob-storage.ts), so a
   * page of 100 newest entries costs one or two requests. Items too large to ride in a listing are read one by one there.
   */
  const readSeqs = async (seqs: readonly number[]): Promise<Map<number, AuditEntry>> => {
    const blocks = [...new Set(seqs.map((seq) => keyOf(seq).slice(0, -BLOCK_DIGITS)))];
    const wanted = new Map(seqs.map((seq) => [keyOf(seq), seq]));
    const found = new Map<number, AuditEntry>();
    await Promise.all(
      blocks.map(async (block) => {
        let continuation: string | undefined;
        do {
          const page = await storage.page(block, {
            limit: BLOCK_SIZE,
            ...(continuation === undefined ? {} : { continuation }),
          });
          for (const item of page.items) {
            const seq = wanted.get(item.key);
            if (seq !== undefined) found.set(seq, entryOf(item.value, item.key));
          }
          continuation = page.continuation;
        } while (continuation !== undefined);
      }),
    );
    return found;
  };

  const readHint = async (): Promise<StoredHint | undefined> => {
    const item = await storage.get(HEAD_KEY);
    const parsed = headSchema.safeParse(item?.value);
    return item === undefined || !parsed.success ? undefined : { ...parsed.data, eTag: item.eTag };
  };

  /** From a known entry, forward until a seq is free: one get per entry past it. */
  const walkFrom = async (start: AuditHead | undefined): Promise<AuditHead | undefined> => {
    let last = start;
    for (;;) {
      const next = await readEntry((last?.seq ?? 0) + 1);
      if (next === undefined) return last;
      last = next;
    }
  };

  /** Where the chain ends when no head item says so (a log written before it existed): about 2·log2(n) gets. */
  const probeHead = async (): Promise<AuditHead | undefined> => {
    if (head !== undefined) return head;
    const seq = await probeLastSeq((candidate) => storage.get(keyOf(candidate)).then((item) => item !== undefined));
    return seq === 0 ? undefined : readEntry(seq);
  };

  /** Moves the head item to `written` unless it already names that entry or a later one. */
  const moveHint = async (written: AuditHead, seen: StoredHint | undefined): Promise<void> => {
    let current = seen;
    for (let conflicts = 0; conflicts < MAX_CONFLICTS_IN_A_ROW; conflicts += 1) {
      if (current !== undefined && current.seq >= written.seq) return;
      try {
        const value = { seq: written.seq, hash: written.hash };
        await storage.put(HEAD_KEY, value, current ? { ifMatch: current.eTag } : { ifNoneMatch: '*' });
        return;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        current = await readHint();
      }
    }
    throw new ConflictBudgetExceededError(HEAD_KEY);
  };

  const appendNow = async (input: AuditEntryInput): Promise<AuditEntry> => {
    let hint = await readHint();
    let last = newer(head, hint) ?? (await probeHead());
    for (let conflicts = 0; conflicts < MAX_CONFLICTS_IN_A_ROW; conflicts += 1) {
      const entry = buildAuditEntry(input, positionAfterHead(last), clock.now());
      try {
        await storage.put(keyOf(entry.seq), { entry, writtenBy: options.writer }, { ifNoneMatch: '*' });
        remember(entry);
        await moveHint(entry, hint);
        return entry;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        // someone wrote that seq: their head item, if they moved it yet, else the entries past ours one by one
        hint = await readHint();
        const known = newer(last, hint);
        last = known !== undefined && known.seq > (last?.seq ?? 0) ? known : await walkFrom(last);
        remember(last);
      }
    }
    throw new ConflictBudgetExceededError(ENTRY_PREFIX);
  };

  /** Reads only: the end of the log from the head item, then forward past it to a free seq (never a full listing). */
  const headForReading = async (): Promise<number> => {
    const hint = await readHint();
    const start = newer(head, hint) ?? (await probeHead());
    const last = start === undefined ? undefined : await walkFrom(start);
    remember(last);
    return last?.seq ?? 0;
  };

  return {
    append: (input) => queue.run(() => appendNow(input)),
    async readNewestFirst({ before, limit }) {
      const newest = before === undefined ? await headForReading() : Number(before) - 1;
      if (!Number.isSafeInteger(newest)) return [];
      const seqs = Array.from({ length: Math.max(0, Math.min(limit, newest)) }, (_, index) => newest - index);
      const found = await readSeqs(seqs);
      return seqs.map((seq) => {
        const entry = found.get(seq);
        if (entry === undefined) throw new AuditLogCorruptError('audit storage', keyOf(seq), 'missing');
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

function newer(left: AuditHead | undefined, right: AuditHead | undefined): AuditHead | undefined {
  if (left === undefined) return right;
  if (right === undefined) return left;
  return right.seq > left.seq ? right : left;
}

function positionAfterHead(last: AuditHead | undefined): ChainPosition {
  return last === undefined ? CHAIN_START : { seq: last.seq + 1, prevHash: last.hash };
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
