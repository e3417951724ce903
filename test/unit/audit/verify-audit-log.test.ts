import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { bodyOf, hashEntry } from '../../../core/audit/hash-chain.js';
import { verifyAuditLog } from '../../../core/audit/verify-audit-log.js';
import type { AuditEntry, AuditHead, StoredAuditRecord } from '../../../core/ports/audit-log.js';
import { entryInput, steppingClock } from './audit-fixtures.js';

async function chainOf(length: number): Promise<AuditEntry[]> {
  const log = createMemoryAuditLog(steppingClock());
  for (let index = 0; index < length; index += 1) await log.append(entryInput(index));
  return log.read();
}

async function* stored(records: readonly (AuditEntry | string)[]): AsyncGenerator<StoredAuditRecord> {
  for (const [index, record] of records.entries()) {
    const where = `line ${index + 1}`;
    yield typeof record === 'string' ? { where, unreadable: record } : { where, entry: record };
  }
}

function headOf(entries: readonly AuditEntry[]): AuditHead | undefined {
  const last = entries.at(-1);
  return last && { seq: last.seq, hash: last.hash };
}

function rehashed(entry: AuditEntry): AuditEntry {
  return { ...entry, hash: hashEntry(entry.prevHash, bodyOf(entry)) };
}

type Tampering =
  | { kind: 'change'; index: number; field: 'action' | 'at' | 'actor' | 'prevHash' | 'hash' | 'seq' }
  | { kind: 'change-and-rehash'; index: number }
  | { kind: 'delete'; index: number }
  | { kind: 'swap'; index: number; other: number }
  | { kind: 'insert-copy'; index: number; of: number }
  | { kind: 'insert-garbage'; index: number }
  | { kind: 'insert-forged'; index: number };

function changed(entry: AuditEntry, field: Extract<Tampering, { kind: 'change' }>['field']): AuditEntry {
  switch (field) {
    case 'action':
      return { ...entry, action: `${entry.action}.edited` };
    case 'at':
      return { ...entry, at: new Date(Date.parse(entry.at) - 3_600_000).toISOString() };
    case 'actor':
      return { ...entry, actor: { ...entry.actor, name: `${entry.actor.name} (someone else)` } };
    case 'prevHash':
      return { ...entry, prevHash: 'f'.repeat(64) };
    case 'hash':
      return { ...entry, hash: 'e'.repeat(64) };
    case 'seq':
      return { ...entry, seq: entry.seq + 100 };
  }
}

function tamper(entries: readonly AuditEntry[], tampering: Tampering): (AuditEntry | string)[] {
  const records: (AuditEntry | string)[] = [...entries];
  const at = (index: number) => entries[index] as AuditEntry;
  switch (tampering.kind) {
    case 'change':
      records[tampering.index] = changed(at(tampering.index), tampering.field);
      break;
    case 'change-and-rehash':
      records[tampering.index] = rehashed({ ...at(tampering.index), action: 'nothing.happened' });
      break;
    case 'delete':
      records.splice(tampering.index, 1);
      break;
    case 'swap':
      records[tampering.index] = at(tampering.other);
      records[tampering.other] = at(tampering.index);
      break;
    case 'insert-copy':
      records.splice(tampering.index, 0, at(tampering.of));
      break;
    case 'insert-garbage':
      records.splice(tampering.index, 0, 'the line is not JSON');
      break;
    case 'insert-forged': {
      const before = entries[tampering.index - 1];
      const forged = rehashed({
        ...at(tampering.index),
        action: 'access.changed',
        prevHash: before?.hash ?? '0'.repeat(64),
      });
      records.splice(tampering.index, 0, forged);
      break;
    }
  }
  return records;
}

const fields = ['action', 'at', 'actor', 'prevHash', 'hash', 'seq'] as const;

/** A chain of 1..12 entries and one tampering with it, positions drawn inside the chain. */
const tamperedChain = fc.integer({ min: 1, max: 12 }).chain((length) => {
  const index = fc.integer({ min: 0, max: length - 1 });
  const kinds: fc.Arbitrary<Tampering>[] = [
    fc.record({ kind: fc.constant('change' as const), index, field: fc.constantFrom(...fields) }),
    fc.record({ kind: fc.constant('change-and-rehash' as const), index }),
    fc.record({ kind: fc.constant('delete' as const), index }),
    fc.record({ kind: fc.constant('insert-copy' as const), index: fc.integer({ min: 0, max: length }), of: index }),
    fc.record({ kind: fc.constant('insert-garbage' as const), index: fc.integer({ min: 0, max: length }) }),
    fc.record({ kind: fc.constant('insert-forged' as const), index }),
  ];
  if (length >= 2) {
    kinds.push(
      fc
        .tuple(index, index)
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => ({ kind: 'swap' as const, index: Math.min(a, b), other: Math.max(a, b) })),
    );
  }
  return fc.tuple(fc.constant(length), fc.oneof(...kinds));
});

describe('audit verify', () => {
  it('finds an untouched chain of any length intact, with its entry count', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 20 }), async (length) => {
        const entries = await chainOf(length);
        const verdict = await verifyAuditLog(stored(entries), headOf(entries));
        expect(verdict).toEqual({
          intact: true,
          count: length,
          ...(length > 0 ? { last: { seq: length, at: entries.at(-1)?.at } } : {}),
        });
      }),
    );
  });

  it('detects any single change, deletion, reordering or insertion, and says where', async () => {
    await fc.assert(
      fc.asyncProperty(tamperedChain, async ([length, tampering]) => {
        const entries = await chainOf(length);
        const verdict = await verifyAuditLog(stored(tamper(entries, tampering)), headOf(entries));
        if (verdict.intact) throw new Error(`not detected: ${JSON.stringify(tampering)}`);
        const { problem } = verdict;
        const { index } = tampering;
        switch (tampering.kind) {
          case 'change':
            expect(problem).toMatchObject({ position: index, entryNumber: index + 1, where: `line ${index + 1}` });
            break;
          case 'change-and-rehash':
            // The entry itself is consistent; the next one no longer links to it (or, at the end, the head moved).
            expect(problem.entryNumber).toBe(index === length - 1 ? index + 1 : index + 2);
            expect(problem.kind).toBe(index === length - 1 ? 'changed' : 'broken-link');
            break;
          case 'delete':
            expect(problem).toMatchObject({
              kind: index === length - 1 ? 'cut-short' : 'missing',
              entryNumber: index + 1,
              lastMissing: index + 1,
            });
            break;
          case 'swap':
            expect(problem).toMatchObject({ kind: 'out-of-order', entryNumber: index + 1, position: index });
            break;
          case 'insert-garbage':
            expect(problem).toMatchObject({ kind: 'unreadable', position: index, entryNumber: index + 1 });
            break;
          case 'insert-copy':
          case 'insert-forged':
            // An exact copy of the entry that follows (or a perfect forgery) reads fine: the original after it is the
            // second entry with that number.
            if (problem.kind === 'duplicate' && problem.position === index + 1) {
              expect(problem.entryNumber).toBe(index + 1);
            } else {
              expect(problem.position).toBe(index);
            }
            break;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the last good entry before a break and the time of the entry found there', async () => {
    const entries = await chainOf(5);
    const records = tamper(entries, { kind: 'change', index: 2, field: 'action' });
    const verdict = await verifyAuditLog(stored(records), headOf(entries));
    expect(verdict).toEqual({
      intact: false,
      checked: 2,
      problem: {
        kind: 'changed',
        entryNumber: 3,
        where: 'line 3',
        position: 2,
        at: entries[2]?.at,
        lastGood: { seq: 2, at: entries[1]?.at },
      },
    });
  });
});
