import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { verifyChain } from '../../../core/audit/hash-chain.js';
import { alice, entryInput, steppingClock } from './audit-fixtures.js';

describe('memory audit log', () => {
  it('chains appends, stamps them with the clock and reads them back', async () => {
    const log = createMemoryAuditLog(steppingClock());
    const first = await log.append(entryInput(0));
    const second = await log.append({ actor: alice, action: 'help.show' });
    expect(first).toMatchObject({
      seq: 1,
      at: '2026-01-02T03:04:05.000Z',
      action: 'policy.assign',
      target: 'device-0',
    });
    expect(second).toMatchObject({ seq: 2, at: '2026-01-02T03:04:06.000Z', prevHash: first.hash });
    expect(second).not.toHaveProperty('details');
    const entries = await log.read();
    expect(entries).toEqual([first, second]);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('keeps a valid chain under concurrent appends', async () => {
    const log = createMemoryAuditLog(steppingClock());
    await Promise.all(Array.from({ length: 10 }, (_, index) => log.append(entryInput(index))));
    const entries = await log.read();
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('hands out copies, so readers cannot rewrite history', async () => {
    const log = createMemoryAuditLog(steppingClock());
    const appended = await log.append(entryInput(0, { policy: 'A' }));
    (appended.details as Record<string, unknown>).policy = 'B';
    const [read] = await log.read();
    (read?.details as Record<string, unknown>).policy = 'C';
    expect((await log.read())[0]?.details).toEqual({ policy: 'A' });
  });

  it('never records secret-looking details', async () => {
    const log = createMemoryAuditLog(steppingClock());
    const entry = await log.append(entryInput(0, { clientSecret: 'abc', policy: 'A' }));
    expect(entry.details).toEqual({ policy: 'A' });
  });
});

describe('memory audit log, bad input', () => {
  it('rejects details JSON cannot hold instead of throwing, and keeps the chain intact', async () => {
    const log = createMemoryAuditLog(steppingClock());
    const attempt = log.append(entryInput(0, { big: 1n }));
    await expect(attempt).rejects.toThrow(TypeError);
    expect((await log.append(entryInput(1))).seq).toBe(1);
  });
});
