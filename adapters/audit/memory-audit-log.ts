import { buildAuditEntry } from '../../core/audit/build-entry.js';
import { positionAfter } from '../../core/audit/hash-chain.js';
import type { AuditEntry, AuditEntryInput, AuditLog } from '../../core/ports/audit-log.js';
import { type Clock, systemClock } from '../../core/ports/clock.js';

/** The chain in an array; a cursor is the entry's seq. */
export function createMemoryAuditLog(clock: Clock = systemClock): AuditLog {
  const entries: AuditEntry[] = [];
  return {
    async append(input: AuditEntryInput) {
      const entry = buildAuditEntry(input, positionAfter(entries.at(-1)), clock.now());
      entries.push(entry);
      return structuredClone(entry);
    },
    async read() {
      return structuredClone(entries);
    },
    async readNewestFirst({ before, limit }) {
      const end = before === undefined ? entries.length : Math.min(entries.length, Math.max(0, Number(before) - 1));
      const start = Math.max(0, end - Math.max(0, limit));
      return entries
        .slice(start, Number.isInteger(end) ? end : 0)
        .reverse()
        .map((entry) => ({ entry: structuredClone(entry), cursor: String(entry.seq) }));
    },
    async *records() {
      for (const [index, entry] of entries.entries())
        yield { where: `entry ${index + 1}`, entry: structuredClone(entry) };
    },
    knownHead() {
      const last = entries.at(-1);
      return last && { seq: last.seq, hash: last.hash };
    },
  };
}
