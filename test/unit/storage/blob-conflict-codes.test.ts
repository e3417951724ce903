import { randomUUID } from 'node:crypto';
import { BlobServiceClient, RestError } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../adapters/blob/blob-errors.js';
import { blobNameOf } from '../../../adapters/blob/blob-name.js';
import { createBlobStorage } from '../../../adapters/blob/blob-storage.js';
import { ETagConflictError, type Storage } from '../../../core/ports/storage.js';
import { ResourceLocks } from '../../../core/runs/resource-locks.js';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { type BlobFaultProxy, startBlobFaultProxy } from '../../support/blob-fault-proxy.js';

let azurite: Azurite;
let proxy: BlobFaultProxy;
let proxied: BlobServiceClient;
let direct: BlobServiceClient;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startBlobFaultProxy(azurite.connectionString);
  // The SDK's default retry (4 tries), with short delays so a replay does not cost the test seconds.
  proxied = BlobServiceClient.fromConnectionString(proxy.connectionString, {
    retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
  direct = BlobServiceClient.fromConnectionString(azurite.connectionString);
});

afterAll(async () => {
  await proxy?.close();
  await azurite?.close();
});

async function openPair(): Promise<{ ours: Storage; other: Storage; container: string }> {
  const container = `t${randomUUID().replaceAll('-', '')}`;
  const ours = await createBlobStorage({ container: proxied.getContainerClient(container) });
  const other = await createBlobStorage({ container: direct.getContainerClient(container) });
  return { ours, other, container };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('a lost race is a conflict code, not a status', () => {
  it('a create whose answer was lost is replayed by the SDK and meets its own write: that is success, not a lost race', async () => {
    const { ours, other } = await openPair();
    const before = proxy.blobPutsForwarded();
    proxy.faultNextPut({ kind: 'reset-after-success' });
    const eTag = await ours.put('audit/0000001', { entry: 1 }, { ifNoneMatch: '*' });
    expect(proxy.blobPutsForwarded() - before).toBe(2);
    expect(await other.get('audit/0000001')).toEqual({ key: 'audit/0000001', value: { entry: 1 }, eTag });
  });

  it('an update whose answer was lost meets its own write as 412 and stands', async () => {
    const { ours, other } = await openPair();
    const first = await ours.put('lock/pilot', { runId: 'r-1' });
    proxy.faultNextPut({ kind: 'reset-after-success' });
    const eTag = await ours.put('lock/pilot', { runId: 'r-2' }, { ifMatch: first });
    expect(await other.get('lock/pilot')).toEqual({ key: 'lock/pilot', value: { runId: 'r-2' }, eTag });
    await expect(ours.put('lock/pilot', { runId: 'r-3' }, { ifMatch: first })).rejects.toBeInstanceOf(
      ETagConflictError,
    );
  });

  it('a replayed PUT answered 409 BlobAlreadyExists is read back and found to be ours', async () => {
    const { ours, other } = await openPair();
    proxy.faultNextPut({ kind: 'replay' });
    const eTag = await ours.put('claim/s-1', { claimedAt: '2026-11-23T09:00:00.000Z' }, { ifNoneMatch: '*' });
    expect((await other.get('claim/s-1'))?.eTag).toBe(eTag);
  });

  it('another writer with the very same value still wins alone: the read-back compares the write, not the JSON', async () => {
    const { ours, other } = await openPair();
    const value = { claimedAt: '2026-11-23T09:00:00.000Z' };
    await other.put('claim/s-1', value, { ifNoneMatch: '*' });
    await expect(ours.put('claim/s-1', value, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ETagConflictError);
    const current = await other.get('claim/s-1');
    await other.put('claim/s-1', value, { ifMatch: current?.eTag });
    await expect(ours.put('claim/s-1', value, { ifMatch: current?.eTag })).rejects.toBeInstanceOf(ETagConflictError);
  });

  it('an immutability 409 is an error with its code, sent once, not a lost race', async () => {
    const { ours } = await openPair();
    const eTag = await ours.put('run/r-1', { step: 1 });
    const before = proxy.answersInjected();
    proxy.faultNextPut({ kind: 'answer', status: 409, code: 'BlobImmutableDueToPolicy' }, Number.POSITIVE_INFINITY);
    try {
      const error = await rejection(ours.put('run/r-1', { step: 2 }, { ifMatch: eTag }));
      expect(error).not.toBeInstanceOf(ETagConflictError);
      expect(error).toBeInstanceOf(RestError);
      expect(errorCodeOf(error)).toBe('BlobImmutableDueToPolicy');
      expect(proxy.answersInjected() - before).toBe(1);
    } finally {
      proxy.faultNextPut({ kind: 'replay' }, 0);
    }
  });

  it('a legal hold 409 on a create is an error too', async () => {
    const { ours } = await openPair();
    proxy.faultNextPut({ kind: 'answer', status: 409, code: 'BlobImmutableDueToLegalHold' });
    const error = await rejection(ours.put('audit/0000001', { entry: 1 }, { ifNoneMatch: '*' }));
    expect(error).not.toBeInstanceOf(ETagConflictError);
    expect(errorCodeOf(error)).toBe('BlobImmutableDueToLegalHold');
  });

  it('a lease held on the blob (412 LeaseIdMissing from the service) is an error, not a lost race', async () => {
    const { ours, container } = await openPair();
    const eTag = await ours.put('lock/pilot', { runId: 'r-1' });
    const lease = direct.getContainerClient(container).getBlobClient(blobNameOf('lock/pilot')).getBlobLeaseClient();
    await lease.acquireLease(-1);
    try {
      const error = await rejection(ours.put('lock/pilot', { runId: 'r-2' }, { ifMatch: eTag }));
      expect(error).not.toBeInstanceOf(ETagConflictError);
      expect(errorCodeOf(error)).toBe('LeaseIdMissing');
      const deleting = await rejection(ours.delete('lock/pilot', { ifMatch: eTag }));
      expect(deleting).not.toBeInstanceOf(ETagConflictError);
      expect(errorCodeOf(deleting)).toMatch(/^LeaseIdMissing/);
    } finally {
      await lease.releaseLease();
    }
  });

  it('taking over a stale lock the service refuses to change ends with the error instead of spinning', async () => {
    const { ours } = await openPair();
    const locks = new ResourceLocks(ours, async () => false);
    await locks.acquire(['PS100042'], 'r-dead');
    proxy.faultNextPut({ kind: 'answer', status: 409, code: 'BlobImmutableDueToPolicy' }, Number.POSITIVE_INFINITY);
    try {
      const error = await rejection(locks.acquire(['PS100042'], 'r-new'));
      expect(errorCodeOf(error)).toBe('BlobImmutableDueToPolicy');
    } finally {
      proxy.faultNextPut({ kind: 'replay' }, 0);
    }
    expect(await locks.holder('PS100042')).toBe('r-dead');
  });
});
