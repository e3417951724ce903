import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createBlobStorage } from '../../../adapters/blob/blob-storage.js';
import type { Actor } from '../../../core/actor.js';
import { Membership } from '../../../core/access/membership.js';
import type { ApprovalRecord } from '../../../core/approvals/approval-record.js';
import { ApprovalRecords } from '../../../core/approvals/approval-records.js';
import { ApprovalService } from '../../../core/approvals/approval-service.js';
import { ApprovalStore } from '../../../core/approvals/approval-store.js';
import { LeaseStore } from '../../../core/leases/lease-store.js';
import { LeasedRunOwnership } from '../../../core/leases/run-ownership.js';
import type { Directory } from '../../../core/ports/directory.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { RunStore } from '../../../core/runs/run-store.js';
import { type Azurite, startAzurite } from '../../support/azurite.js';
import { type CountingProxy, startCountingProxy } from '../../support/counting-proxy.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from './fake-steps.js';

/**
 * Issue 28's figures: a year of history on Azurite costs nothing per sweep and three requests per listing. The bounds
 * hold whatever the history; the suite stores 300 finished runs (Azurite takes a few hundred writes a second on a shared
 * machine, and each run is three: more would only make the suite slower, since no bound depends on the count), the
 * figures in the note come from HISTORY_RUNS=10000 HISTORY_FIGURES=1. The history is written past the counting proxy.
 */
const FINISHED_RUNS = Number(process.env.HISTORY_RUNS ?? 300);
const DECIDED_REQUESTS = 200;
const WRITES_AT_ONCE = 64;
const LEASE_MS = 6_000;

const alex: Actor = { aadObjectId: '11111111-1111-1111-1111-111111111111', channelUserId: '29:alex', name: 'Alex' };
const megan: Actor = { aadObjectId: '22222222-2222-2222-2222-222222222222', channelUserId: '29:megan', name: 'Megan' };
const CONVERSATION = '19:history@thread.tacv2';
const START = Date.parse('2026-01-01T00:00:00Z');

const approverDirectory: Directory = {
  isGlobalAdministrator: async () => false,
  globalAdministratorEligibility: async () => 'not-eligible' as const,
  getUser: async () => undefined,
  transitiveGroupIds: async (userId) => (userId === megan.aadObjectId ? ['g-approvers'] : []),
  findGroups: async () => [{ id: 'g-approvers', displayName: 'AttachOps-Approvers' }],
};

function finishedRun(index: number): RunRecord {
  const at = new Date(START + index * 60_000).toISOString();
  return {
    id: `r-h${index}`,
    kind: 'test',
    title: `finished run ${index}`,
    requestedBy: alex,
    conversationId: index % 2 === 0 ? CONVERSATION : '19:other@thread.tacv2',
    createdAt: at,
    updatedAt: at,
    endedAt: at,
    status: index % 9 === 0 ? 'failed' : 'done',
    resources: [],
    steps: [{ id: 's1', kind: 'make', title: 'make', state: 'done', input: {}, attempts: 1 }],
  };
}

function decidedRequest(index: number): ApprovalRecord {
  const at = new Date(START + index * 60_000).toISOString();
  return {
    id: `a-h${index}`,
    runId: `r-h${index}`,
    plan: { kind: 'test', title: `request ${index}`, intent: {}, changes: [], resources: [], steps: [] },
    planHash: 'h',
    requestedBy: alex,
    conversationId: CONVERSATION,
    createdAt: at,
    expiresAt: at,
    quorum: 1,
    status: 'approved',
    approvals: [{ by: megan, at }],
    cards: [],
  };
}

async function inParallel(count: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITES_AT_ONCE }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

let azurite: Azurite;
let proxy: CountingProxy;
let containerName: string;

/** One instance's storage: its own client over the one container, every request through the counting proxy. */
const instanceStorage = (): Promise<Storage> =>
  createBlobStorage({
    container: BlobServiceClient.fromConnectionString(proxy.connectionString).getContainerClient(containerName),
  });

function instance(storage: Storage, clock: FakeClock, holder: string) {
  const world = new FakeWorld();
  const audit = createMemoryAuditLog(clock);
  const leases = new LeaseStore({ storage, clock, holder, durationMs: LEASE_MS });
  const runs = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    ownership: new LeasedRunOwnership(storage, leases, silentLogger),
    handlers: [world.handler('ask', () => ({ kind: 'waiting-for-approval', approvalId: 'a-x', message: 'waits' }))],
  });
  const settings = {
    approvers: [{ kind: 'group' as const, ref: 'AttachOps-Approvers', scopes: [] }],
    quorum: 1,
    ttlMs: 24 * 3_600_000,
  };
  const records = new ApprovalRecords({ storage, audit, clock, log: silentLogger, settings });
  const approvals = new ApprovalService({
    records,
    audit,
    clock,
    log: silentLogger,
    runs,
    membership: new Membership(approverDirectory, clock, 60_000),
    settings,
  });
  return { storage, runs, approvals };
}

async function cost(work: () => Promise<unknown>): Promise<number> {
  const before = proxy.requests();
  await work();
  return proxy.requests() - before;
}

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startCountingProxy(azurite.connectionString);
  containerName = `h${randomUUID().replaceAll('-', '')}`;
  const storage = await createBlobStorage({
    container: BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerName),
  });
  const runs = new RunStore(storage);
  const requests = new ApprovalStore(storage);
  // a store this version has written from the start: its indexes are marked built while it is empty (an upgraded
  // store's one-time scan is covered by the run and approval store tests)
  await runs.liveRuns(new Date(START));
  await requests.listOlderRequests();
  await inParallel(FINISHED_RUNS, (index) => runs.create(finishedRun(index)));
  await inParallel(DECIDED_REQUESTS, (index) => requests.create(decidedRequest(index)));
}, 3_600_000);

afterAll(async () => {
  await proxy?.close();
  await azurite?.close();
});

describe(`on Azurite with ${FINISHED_RUNS.toLocaleString('en')} finished runs and 3 live ones`, () => {
  it('a sweep costs at most 10 storage requests; runs, runs --all and approvals at most 3 each', async () => {
    const clock = new FakeClock(START + (FINISHED_RUNS + 10) * 60_000);
    const first = instance(await instanceStorage(), clock, 'instance-a');
    await first.runs.resumeAll();
    for (let live = 0; live < 3; live += 1) {
      clock.advance(1_000);
      await first.runs.start({
        kind: 'test',
        title: `live ${live}`,
        requestedBy: alex,
        conversationId: CONVERSATION,
        resources: [],
        steps: [{ kind: 'ask', title: 'ask', input: {} }],
      });
    }
    await first.runs.idle();
    await first.approvals.listFor(megan);

    const second = instance(await instanceStorage(), clock, 'instance-b');
    await second.runs.sweep(); // a new process reads the index's marker once
    const sweep = await cost(() => second.runs.sweep());
    const runs = await cost(async () => {
      const page = await second.runs.page({ conversationId: CONVERSATION, limit: 10 });
      expect(page.runs.map((run) => run.title)).toEqual([
        'live 2',
        'live 1',
        'live 0',
        ...Array.from({ length: 7 }, (_, n) => `finished run ${FINISHED_RUNS - 2 - 2 * n}`),
      ]);
    });
    const all = await cost(async () => {
      const page = await second.runs.page({ limit: 10 });
      expect(page.runs).toHaveLength(10);
      expect(page.continuation).toBeDefined();
    });
    const approvals = await cost(async () => {
      const lists = await second.approvals.listFor(alex);
      expect(lists.mine.map((entry) => entry.id)).toEqual(
        Array.from({ length: 10 }, (_, n) => `a-h${DECIDED_REQUESTS - 1 - n}`),
      );
      expect(lists.toDecide).toEqual([]);
    });
    if (process.env.HISTORY_FIGURES) {
      // what the code before the indexes read for runs, approvals and every sweep: each stored item, one download each
      const everyRun = await cost(() => new RunStore(first.storage).list());
      const everyRequest = await cost(() => new ApprovalStore(first.storage).list());
      console.info(JSON.stringify({ after: { sweep, runs, all, approvals }, before: { everyRun, everyRequest } }));
    }
    expect(sweep).toBeGreaterThan(0);
    expect(sweep).toBeLessThanOrEqual(10);
    for (const listing of [runs, all, approvals]) {
      expect(listing).toBeGreaterThan(0);
      expect(listing).toBeLessThanOrEqual(3);
    }
  }, 3_600_000);
});
