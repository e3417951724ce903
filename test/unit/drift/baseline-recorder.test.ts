import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { BaselineRecorder } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { type RunRecord, runRecordSchema } from '../../../core/runs/run-record.js';
import { FakeClock } from '../../support/fake-clock.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

function run(status: RunRecord['status'], createState: 'done' | 'failed' = 'done'): RunRecord {
  const at = '2026-12-05T10:00:00Z';
  const step = (id: string, kind: string, state: string, input: object, outcome?: object) => ({
    id,
    kind,
    title: kind,
    state,
    input,
    attempts: 1,
    ...(outcome ? { outcome } : {}),
  });
  return runRecordSchema.parse({
    id: 'r-7k2m9q',
    kind: 'policy-create',
    title: 'Create policy',
    conversationId: 'c',
    requestedBy: { channelUserId: '29:adele', name: 'Adele Vance' },
    createdAt: at,
    updatedAt: at,
    status,
    resources: ['policy-name:edr'],
    steps: [
      step('s1', 'approval', 'done', { approvalId: 'req-42' }),
      step('s2', 'policy-create', createState, { requestKey: 'k' }, { policyId: 'P1', requestKey: 'k' }),
      step('s3', 'policy-assign', 'done', { policyId: 'p1', targets: [] }),
    ],
  });
}

async function recorded(record: RunRecord) {
  const reads = new InMemoryDriftReads();
  reads.policies.set('p1', {
    policy: { name: 'EDR', lastModifiedDateTime: '2026-12-05T10:00:00Z', settings: [] },
    assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g1' } }],
  });
  const baselines = new BaselineStore(createMemoryStorage());
  const recorder = new BaselineRecorder({ baselines, reads, clock: new FakeClock(), log: silentLogger });
  recorder.runChanged(record);
  await recorder.idle();
  return { baselines, reads };
}

describe('baselines from finished runs', () => {
  it('stores the policy a done run created and assigned, normalised, with the run and the approval', async () => {
    const { baselines, reads } = await recorded(run('done'));
    expect(await baselines.get('p1')).toMatchObject({
      policyId: 'p1',
      runId: 'r-7k2m9q',
      approvalId: 'req-42',
      state: { name: 'EDR', targets: { 'groupassignmenttarget:g1': { filter: '' } } },
    });
    expect(reads.fullReads).toBe(1);
  });

  it('stores nothing for a run that failed or is still going', async () => {
    for (const status of ['failed', 'active', 'waiting'] as const) {
      const { baselines } = await recorded(run(status));
      expect(await baselines.list()).toEqual([]);
    }
  });
});
