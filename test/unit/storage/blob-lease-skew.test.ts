import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobServiceTime } from '../../../adapters/blob/blob-service-time.js';
import { createBlobStorage } from '../../../adapters/blob/blob-storage.js';
import { type Lease, LeaseStore } from '../../../core/leases/lease-store.js';
import { type Clock, systemClock } from '../../../core/ports/clock.js';
import { type Azurite, startAzurite } from '../../support/azurite.js';

const LEASE_MS = 3_000;
const SWEEP_MS = LEASE_MS / 3;
const SKEW_MS = 5 * 60_000;
/** The Date header's whole seconds: a contender may read the service's time up to this much late. */
const DATE_RESOLUTION_MS = 1_000;

let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.close();
});

/** A host whose wall clock is set `offsetMs` wrong. */
const skewed = (offsetMs: number): Clock => ({
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => systemClock.sleep(ms),
});

/** One instance over the shared container, with its own client, its own view of the service time and its own clock. */
async function instance(container: string, holder: string, offsetMs: number): Promise<LeaseStore> {
  const client = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(container);
  const storage = await createBlobStorage({ container: client });
  return new LeaseStore({
    storage,
    storeTime: blobServiceTime(client),
    clock: skewed(offsetMs),
    holder,
    durationMs: LEASE_MS,
  });
}

describe.each([SKEW_MS, -SKEW_MS])('leases on Azurite with one host %i ms off', (offsetMs) => {
  it('the skewed host takes no live lease, and takes a dead holder’s within a duration and a sweep', async () => {
    const container = `t${randomUUID().replaceAll('-', '')}`;
    const holder = await instance(container, 'live', 0);
    const contender = await instance(container, 'skewed', offsetMs);
    let lease: Lease | undefined = await holder.tryAcquire('run/r-1');
    expect(lease).toBeDefined();
    // Two durations of the holder renewing every sweep while the skewed host tries every sweep.
    for (let tick = 0; tick < (2 * LEASE_MS) / SWEEP_MS; tick += 1) {
      await systemClock.sleep(SWEEP_MS);
      lease = await holder.renew(lease!);
      expect(lease).toBeDefined();
      expect(holder.unexpired(lease!)).toBe(true);
      expect(await contender.tryAcquire('run/r-1')).toBeUndefined();
    }
    const diedAt = Date.now();
    let taken: Lease | undefined;
    while (taken === undefined && Date.now() - diedAt < 3 * LEASE_MS) {
      await systemClock.sleep(SWEEP_MS);
      taken = await contender.tryAcquire('run/r-1');
    }
    const takenAfter = Date.now() - diedAt;
    expect(taken).toBeDefined();
    expect(takenAfter).toBeGreaterThanOrEqual(LEASE_MS - DATE_RESOLUTION_MS);
    expect(takenAfter).toBeLessThanOrEqual(LEASE_MS + SWEEP_MS + DATE_RESOLUTION_MS + 500);
    expect(holder.unexpired(lease!)).toBe(false);
    expect(await holder.renew(lease!)).toBeUndefined();
    expect(await holder.holderOf('run/r-1')).toBe('skewed');
  }, 30_000);
});
