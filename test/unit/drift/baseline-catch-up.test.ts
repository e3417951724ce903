import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { BaselineRecorder } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { type RunRecord, runRecordSchema } from '../../../core/runs/run-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

function run(status: RunRecord['status'], assignState: string): RunRecord {
  const at = '2026-12-05T10:00:00Z';
  return runRecordSchema.parse({
    id: 'r-assign',
    kind: 'policy-assign',
    title: 'Assign',
    conversationId: 'c',
    requestedBy: { channelUserId: '29:adele', name: 'Adele Vance' },
    createdAt: at,
    updatedAt: at,
    ...(status === 'done' ? { endedAt: at } : {}),
    status,
    resources: ['policy:p1'],
    steps: [
      { id: 's1', kind: 'approval', title: 'a', state: 'done', input: { approvalId: 'a-9' }, attempts: 1 },
      {
        id: 's2',
        kind: 'policy-assign',
        title: 'b',
        state: assignState,
        input: { policyId: 'p1', targets: [] },
        attempts: 1,
      },
    ],
  });
}

/** A process killed between a run's end and its baseline: the next start (or cycle) records it. */
describe('baselines caught up after a stop', () => {
  it('records the baseline of a run that ended while no recorder saw it, once, and forgets the marker', async () => {
    const storage = createMemoryStorage();
    const runs = new Map<string, RunRecord>();
    const reads = new InMemoryDriftReads();
    reads.policies.set('p1', { policy: { name: 'EDR', lastModifiedDateTime: 'x', settings: [] }, assignments: [] });
    const recorder = (): BaselineRecorder =>
      new BaselineRecorder({
        baselines: new BaselineStore(storage),
        reads,
        clock: new FakeClock(),
        log: silentLogger,
        pending: { storage, loadRun: (id) => Promise.resolve(runs.get(id)) },
      });

    const before = recorder();
    const running = run('active', 'running');
    runs.set(running.id, running);
    before.runChanged(running);
    await before.idle();
    expect(await storage.keys('drift/pending-baselines/')).toEqual(['drift/pending-baselines/r-assign']);
    // the run ends done and the process dies before its observer records anything
    runs.set(running.id, run('done', 'done'));

    const after = recorder();
    expect(await new BaselineStore(storage).get('p1')).toBeUndefined();
    expect(await after.catchUp()).toBe(1);
    expect(await new BaselineStore(storage).get('p1')).toMatchObject({ runId: 'r-assign', approvalId: 'a-9' });
    expect(await storage.keys('drift/pending-baselines/')).toEqual([]);
    expect(await after.catchUp()).toBe(0);
    expect(reads.fullReads).toBe(1);
  });

  it('keeps the marker of a run still going and drops the marker of a run that failed', async () => {
    const storage = createMemoryStorage();
    const runs = new Map<string, RunRecord>([['r-assign', run('waiting', 'waiting')]]);
    await storage.put('drift/pending-baselines/r-assign', { runId: 'r-assign' });
    const recorder = new BaselineRecorder({
      baselines: new BaselineStore(storage),
      reads: new InMemoryDriftReads(),
      clock: new FakeClock(),
      log: silentLogger,
      pending: { storage, loadRun: (id) => Promise.resolve(runs.get(id)) },
    });
    expect(await recorder.catchUp()).toBe(0);
    expect(await storage.keys('drift/pending-baselines/')).toHaveLength(1);
    runs.set('r-assign', run('failed', 'failed'));
    expect(await recorder.catchUp()).toBe(0);
    expect(await storage.keys('drift/pending-baselines/')).toEqual([]);
  });
});
