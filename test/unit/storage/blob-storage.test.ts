import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStorage } from '../../../adapters/blob/blob-storage.js';
import { ETagConflictError } from '../../../core/ports/storage.js';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { describeStorageContract } from './storage-contract.js';

let azurite: Azurite;
let service: BlobServiceClient;

beforeAll(async () => {
  azurite = await startAzurite();
  service = BlobServiceClient.fromConnectionString(azurite.connectionString);
});

afterAll(async () => {
  await azurite?.close();
});

const openContainer = (name = `t${randomUUID().replaceAll('-', '')}`) =>
  createBlobStorage({ container: service.getContainerClient(name) });

describeStorageContract('blob storage on Azurite', async () => ({ storage: await openContainer() }));

describe('blob storage shared by two processes', () => {
  it('two storages over one container see each other and conflict on the service, not in memory', async () => {
    const name = `t${randomUUID().replaceAll('-', '')}`;
    const first = await openContainer(name);
    const second = await createBlobStorage({
      container: BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(name),
    });
    const eTag = await first.put('run/r-1', { step: 1 });
    expect(await second.get('run/r-1')).toEqual({ key: 'run/r-1', value: { step: 1 }, eTag });
    await second.put('run/r-1', { step: 2 }, { ifMatch: eTag });
    await expect(first.put('run/r-1', { step: 3 }, { ifMatch: eTag })).rejects.toBeInstanceOf(ETagConflictError);
    await expect(first.put('run/r-1', { step: 3 }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await first.list('run/')).map((item) => item.value)).toEqual([{ step: 2 }]);
  });
});
