import { buildAuditEntry } from '../../core/audit/build-entry.js';
import { positionAfter } from '../../core/audit/hash-chain.js';
import type { AuditEntry, AuditEntryInput, AuditLog } from '../../core/ports/audit-log.js';
import { type Clock, systemClock } from '../../core/ports/clock.js';

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
  };
}
