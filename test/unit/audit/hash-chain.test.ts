import { describe, expect, it } from 'vitest';
import { buildAuditEntry } from '../../../core/audit/build-entry.js';
import {
  bodyOf,
  CHAIN_START,
  GENESIS_PREV_HASH,
  hashEntry,
  positionAfter,
  verifyChain,
} from '../../../core/audit/hash-chain.js';
import type { AuditEntry } from '../../../core/ports/audit-log.js';
import { entryInput, steppingClock } from './audit-fixtures.js';

function buildChain(length: number): AuditEntry[] {
  const clock = steppingClock();
  const entries: AuditEntry[] = [];
  for (let index = 0; index < length; index += 1) {
    entries.push(buildAuditEntry(entryInput(index), positionAfter(entries.at(-1)), clock.now()));
  }
  return entries;
}

describe('hash chain', () => {
  it('starts at seq 1 from the genesis hash and links every entry to the one before', () => {
    const chain = buildChain(3);
    expect(GENESIS_PREV_HASH).toMatch(/^0{64}$/);
    expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(chain[0]?.prevHash).toBe(GENESIS_PREV_HASH);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(chain[2]?.prevHash).toBe(chain[1]?.hash);
    expect(verifyChain(chain)).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it('hashes the content, not the order of its keys', () => {
    const [entry] = buildChain(1);
    if (entry === undefined) {
      throw new Error('no entry built');
    }
    const body = bodyOf(entry);
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as typeof body;
    expect(hashEntry(entry.prevHash, reordered)).toBe(entry.hash);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry('f'.repeat(64), body)).not.toBe(entry.hash);
  });

  it('reports an edited entry at its own seq', () => {
    const chain = buildChain(5);
    chain[2] = { ...(chain[2] as AuditEntry), details: { index: 99 } };
    expect(verifyChain(chain)).toEqual({ ok: false, seq: 3, reason: expect.stringContaining('hash') as unknown });
  });

  it('reports an edited and rehashed entry at the seq after it', () => {
    const chain = buildChain(5);
    const edited = { ...(chain[1] as AuditEntry), action: 'policy.remove' };
    chain[1] = { ...edited, hash: hashEntry(edited.prevHash, bodyOf(edited)) };
    expect(verifyChain(chain)).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringContaining('prevHash') as unknown,
    });
  });

  it('reports a removed or reordered entry', () => {
    const chain = buildChain(4);
    expect(verifyChain([chain[0], chain[2], chain[3]] as AuditEntry[])).toMatchObject({ ok: false, seq: 3 });
    expect(verifyChain([chain[1], chain[0]] as AuditEntry[])).toMatchObject({ ok: false, seq: 2 });
  });

  it('verifies a run that starts in the middle of a chain', () => {
    const chain = buildChain(6);
    expect(verifyChain(chain.slice(3), positionAfter(chain[2]))).toEqual({ ok: true });
    expect(verifyChain(chain.slice(3), CHAIN_START)).toMatchObject({ ok: false, seq: 4 });
  });

  it('stores details redacted and as plain JSON', () => {
    const entry = buildAuditEntry(
      entryInput(0, { when: new Date('2026-01-01T00:00:00Z'), apiToken: 'x', nested: { password: 'y', keep: 1 } }),
      CHAIN_START,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(entry.details).toEqual({ when: '2026-01-01T00:00:00.000Z', nested: { keep: 1 } });
    expect(entry.at).toBe('2026-01-01T00:00:00.000Z');
    expect(verifyChain([JSON.parse(JSON.stringify(entry)) as AuditEntry])).toEqual({ ok: true });
  });
});
