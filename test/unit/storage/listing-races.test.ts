import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import type { ApprovalRecord } from '../../../core/approvals/approval-record.js';
import { ApprovalStore } from '../../../core/approvals/approval-store.js';
import type { Storage } from '../../../core/ports/storage.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { RunStore } from '../../../core/runs/run-store.js';

const alex: Actor = { aadObjectId: '11111111-1111-4111-8111-111111111111', channelUserId: '29:alex', name: 'Alex' };
const megan: Actor = { aadObjectId: '22222222-2222-4222-8222-222222222222', channelUserId: '29:megan', name: 'Megan' };
const AT = '2026-12-05T10:00:00.000Z';

/**
 * Storage whose first listing write under `prefix` waits until `release()`: the write of an older version's listing
 * is held while a newer version is stored and listed, then lands last (two instances, or two clicks, racing).
 */
function holdingFirstListingWrite(storage: Storage, prefix: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  let reachedHold!: () => void;
  const holding = new Promise<void>((resolve) => (reachedHold = resolve));
  const holdOnce = async (key: string): Promise<void> => {
    if (held || !key.startsWith(prefix)) return;
    held = true;
    reachedHold();
    await released;
  };
  const wrapped: Storage = {
    ...storage,
    get: (key) => storage.get(key),
    keys: (keyPrefix) => storage.keys(keyPrefix),
    page: (keyPrefix, request) => storage.page(keyPrefix, request),
    flush: () => storage.flush(),
    async put(key, value, options) {
      await holdOnce(key);
      return storage.put(key, value, options);
    },
    async delete(key, options) {
      await holdOnce(key);
      return storage.delete(key, options);
    },
  };
  return { storage: wrapped, holding, release };
}

function pendingRequest(): ApprovalRecord {
  return {
    id: 'a-race',
    runId: 'r-race',
    plan: { kind: 'test', title: 'race', intent: {}, changes: [], resources: [], steps: [] },
    planHash: 'h',
    requestedBy: alex,
    conversationId: 'conv',
    createdAt: AT,
    expiresAt: '2026-12-06T10:00:00.000Z',
    quorum: 2,
    status: 'pending',
    approvals: [],
    cards: [],
  };
}

describe('a listing written late never shows an older version than the record (issue 28)', () => {
  it('a vote listed after the approval that followed it: the request is not left listed as pending', async () => {
    const memory = createMemoryStorage();
    await new ApprovalStore(memory).create(pendingRequest());
    const gated = holdingFirstListingWrite(memory, 'approval-list/');
    const first = new ApprovalStore(gated.storage);
    const second = new ApprovalStore(memory);

    const vote = first.update('a-race', (record) => ({
      record: { ...record, approvals: [{ by: megan, at: AT }] },
      result: undefined,
    }));
    await gated.holding; // the vote is stored; its listing (pending, 1 of 2) waits
    await second.update('a-race', (record) => ({
      record: { ...record, status: 'approved', approvals: [...record.approvals, { by: alex, at: AT }] },
      result: undefined,
    }));
    gated.release();
    await vote;

    expect(await second.listIndex.pending()).toEqual([]);
    const [mine] = await second.listIndex.requestedBy(alex.aadObjectId, 10);
    expect(mine).toMatchObject({ id: 'a-race', status: 'approved' });
  });

  it('a step listed after the run ended: the run is listed as it ended', async () => {
    const memory = createMemoryStorage();
    const run: RunRecord = {
      id: 'r-race',
      kind: 'test',
      title: 'race',
      requestedBy: alex,
      conversationId: 'conv',
      createdAt: AT,
      updatedAt: AT,
      status: 'active',
      resources: [],
      steps: [],
    };
    await new RunStore(memory).create(run);
    const gated = holdingFirstListingWrite(memory, 'run-list/');
    const first = new RunStore(gated.storage);
    const second = new RunStore(memory);

    const started = first.update('r-race', (stored) => ({ ...stored, status: 'waiting' }));
    await gated.holding;
    await second.update('r-race', (stored) => ({ ...stored, status: 'done', endedAt: AT }));
    gated.release();
    await started;

    const page = await second.listIndex.page({ limit: 10 });
    expect(page.runs.map((entry) => [entry.id, entry.status])).toEqual([['r-race', 'done']]);
  });
});
