import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageAuditLog } from '../../../adapters/audit/storage-audit-log.js';
import { createBlobStorage } from '../../../adapters/blob/blob-storage.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { verifyChain } from '../../../core/audit/hash-chain.js';
import type { Storage } from '../../../core/ports/storage.js';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { entryInput, steppingClock } from './audit-fixtures.js';

let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.close();
});

/** Two clients of one container, as two bot instances would have. */
async function twoBlobStorages(): Promise<[Storage, Storage]> {
  const name = `audit${randomUUID().replaceAll('-', '')}`;
  const open = () =>
    createBlobStorage({
      container: BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(name),
    });
  return [await open(), await open()];
}

async function twoMemoryStorages(): Promise<[Storage, Storage]> {
  const shared = createMemoryStorage();
  return [shared, shared];
}

for (const [name, open] of [
  ['memory', twoMemoryStorages],
  ['blob (Azurite)', twoBlobStorages],
] as const) {
  describe(`audit log over ${name} storage`, () => {
    it('chains appends and reads them back', async () => {
      const [storage] = await open();
      const log = createStorageAuditLog({ storage, clock: steppingClock() });
      const first = await log.append(entryInput(0));
      const second = await log.append(entryInput(1));
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
      expect(await log.read()).toEqual([first, second]);
    });

    it('two instances appending at once never fork the chain and lose no entry', async () => {
      const [left, right] = await open();
      const a = createStorageAuditLog({ storage: left, clock: steppingClock() });
      const b = createStorageAuditLog({ storage: right, clock: steppingClock() });
      await a.append(entryInput(100));
      await Promise.all(
        Array.from({ length: 8 }, (_, index) => [a.append(entryInput(index)), b.append(entryInput(index + 50))]).flat(),
      );
      const entries = await createStorageAuditLog({ storage: left }).read();
      expect(entries).toHaveLength(17);
      expect(verifyChain(entries)).toEqual({ ok: true });
      expect(new Set(entries.map((entry) => entry.target)).size).toBe(17);
    });

    it('a fresh instance continues the chain where the others left it', async () => {
      const [left, right] = await open();
      await createStorageAuditLog({ storage: left }).append(entryInput(0));
      await createStorageAuditLog({ storage: left }).append(entryInput(1));
      const third = await createStorageAuditLog({ storage: right }).append(entryInput(2));
      expect(third.seq).toBe(3);
      expect(verifyChain(await createStorageAuditLog({ storage: right }).read())).toEqual({ ok: true });
    });
  });
}
