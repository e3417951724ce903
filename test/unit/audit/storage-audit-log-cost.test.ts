import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageAuditLog } from '../../../adapters/audit/storage-audit-log.js';
import { createBlobStorage } from '../../../adapters/blob/blob-storage.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { verifyChain } from '../../../core/audit/hash-chain.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import type { Storage } from '../../../core/ports/storage.js';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { type CountingProxy, startCountingProxy } from '../../support/counting-proxy.js';
import { countingStorage } from '../../support/counting-storage.js';
import { entryInput, steppingClock } from './audit-fixtures.js';

/** What one append may cost in storage requests, whatever the other instance wrote since: read the head, write the entry, move the head. */
const APPEND_BUDGET = 3;
/** Entries the other instance writes between two appends of this one. */
const WRITTEN_BY_THE_OTHER = [0, 1, 10, 40];

interface Shared {
  /** Two instances' storages over one store, and the requests made of it so far. */
  readonly storages: [Storage, Storage];
  requests(): number;
}

async function countedMemory(): Promise<Shared> {
  const counted = countingStorage(createMemoryStorage());
  return { storages: [counted.storage, counted.storage], requests: counted.requests };
}

let azurite: Azurite;
let proxy: CountingProxy;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startCountingProxy(azurite.connectionString);
});

afterAll(async () => {
  await proxy?.close();
  await azurite?.close();
});

/** Two bot instances' blob storages on one Azurite container, every request counted at the proxy. */
async function countedBlob(): Promise<Shared> {
  const name = `auditcost${randomUUID().replaceAll('-', '')}`;
  const open = () =>
    createBlobStorage({
      container: BlobServiceClient.fromConnectionString(proxy.connectionString).getContainerClient(name),
    });
  const storages: [Storage, Storage] = [await open(), await open()];
  return { storages, requests: () => proxy.requests() };
}

async function costOf(shared: Shared, work: () => Promise<unknown>): Promise<number> {
  const before = shared.requests();
  await work();
  return shared.requests() - before;
}

async function appendMany(log: AuditLog, count: number, from: number): Promise<void> {
  for (let index = 0; index < count; index += 1) await log.append(entryInput(from + index));
}

for (const [name, open] of [
  ['memory (counting storage)', countedMemory],
  ['blob (Azurite, counted at a proxy)', countedBlob],
] as const) {
  describe(`storage audit log over ${name}: cost does not grow with what another instance wrote`, () => {
    it(`an append costs at most ${APPEND_BUDGET} storage requests however many entries the other instance appended`, async () => {
      const shared = await open();
      const a = createStorageAuditLog({ storage: shared.storages[0], clock: steppingClock(), writer: 'a' });
      const b = createStorageAuditLog({ storage: shared.storages[1], clock: steppingClock(), writer: 'b' });
      await a.append(entryInput(0));
      await b.append(entryInput(1));
      await a.append(entryInput(2));
      let next = 3;
      const costs: Record<number, number> = {};
      for (const written of WRITTEN_BY_THE_OTHER) {
        await appendMany(b, written, next);
        next += written;
        costs[written] = await costOf(shared, () => a.append(entryInput(next)));
        next += 1;
      }
      expect(costs).toEqual(Object.fromEntries(WRITTEN_BY_THE_OTHER.map((written) => [written, costs[0]])));
      expect(costs[0]).toBeLessThanOrEqual(APPEND_BUDGET);
      const entries = await createStorageAuditLog({ storage: shared.storages[0] }).read();
      expect(entries).toHaveLength(next);
      expect(verifyChain(entries)).toEqual({ ok: true });
    });

    it('reading the newest page costs the page plus a constant, however many entries the other instance appended', async () => {
      const shared = await open();
      const a = createStorageAuditLog({ storage: shared.storages[0], clock: steppingClock(), writer: 'a' });
      const b = createStorageAuditLog({ storage: shared.storages[1], clock: steppingClock(), writer: 'b' });
      await a.append(entryInput(0));
      await appendMany(b, 40, 1);
      const cost = await costOf(shared, async () => {
        const page = await a.readNewestFirst({ limit: 11 });
        expect(page.map((at) => at.entry.seq)).toEqual([41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31]);
      });
      expect(cost).toBeLessThanOrEqual(11 + 2);
    });
  });
}

describe('storage audit log head item', () => {
  it('an append past a head item that lags (its writer stopped between the two writes) still chains after the last entry', async () => {
    const storage = createMemoryStorage();
    const a = createStorageAuditLog({ storage, clock: steppingClock() });
    await a.append(entryInput(0));
    const stale = await storage.get('audit-head');
    await appendMany(a, 3, 1);
    await storage.put('audit-head', stale?.value);
    const next = await createStorageAuditLog({ storage, clock: steppingClock() }).append(entryInput(4));
    expect(next.seq).toBe(5);
    const entries = await createStorageAuditLog({ storage }).read();
    expect(verifyChain(entries)).toEqual({ ok: true });
    expect((await storage.get('audit-head'))?.value).toEqual({ seq: 5, hash: next.hash });
  });

  it('a head item edited to a wrong hash shows as a break in the chain', async () => {
    const storage = createMemoryStorage();
    await appendMany(createStorageAuditLog({ storage, clock: steppingClock() }), 2, 0);
    await storage.put('audit-head', { seq: 2, hash: 'f'.repeat(64) });
    await createStorageAuditLog({ storage, clock: steppingClock() }).append(entryInput(2));
    expect(verifyChain(await createStorageAuditLog({ storage }).read())).toMatchObject({ ok: false, seq: 3 });
  });
});
