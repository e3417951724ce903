import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { DriftEpisodes, type EpisodeChange } from '../../../core/drift/drift-episodes.js';
import { DriftWatch, type WhoChanged } from '../../../core/drift/drift-watch.js';
import { DriftWatcher } from '../../../core/drift/drift-watcher.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { FakeClock } from '../../support/fake-clock.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const target = (groupId: string) => ({ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId } });
const policy = (name: string, lastModifiedDateTime: string) => ({ name, lastModifiedDateTime, settings: [] });

async function setUp() {
  const clock = new FakeClock();
  const storage = createMemoryStorage();
  const reads = new InMemoryDriftReads();
  reads.policies.set('p1', { policy: policy('EDR', '2026-12-01T10:00:00Z'), assignments: [target('g1')] });
  const state = await reads.read('p1');
  if (!state) throw new Error('no policy');
  await new BaselineStore(storage).put(baselineFrom('p1', state, clock.now().toISOString(), { runId: 'r-1' }));
  const audit = createMemoryAuditLog(clock);
  const shown: EpisodeChange['kind'][] = [];
  const told: WhoChanged[] = [];
  let ids = 0;
  const instance = (shared: Storage) =>
    new DriftWatch({
      watcher: new DriftWatcher({ baselines: new BaselineStore(shared), reads, clock, log: silentLogger }),
      reads,
      episodes: new DriftEpisodes(shared, () => `e-${(ids += 1)}`),
      audit,
      notifier: {
        show: async (change, _finding, who) => {
          shown.push(change.kind);
          told.push(who);
        },
      },
      log: silentLogger,
    });
  return { reads, audit, shown, told, first: instance(storage), second: instance(storage) };
}

describe('the drift watch: one episode per drift', () => {
  it('opens one episode for two instances looking at once, audits it once, and never shows it again', async () => {
    const { reads, audit, shown, first, second } = await setUp();
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:00:00Z'), assignments: [] });
    const reports = await Promise.all([first.once(), second.once()]);
    expect(reports.map((r) => r.opened).reduce((a, b) => a + b)).toBe(1);
    expect(await first.once()).toMatchObject({ opened: 0, updated: 0 });
    expect(shown).toEqual(['opened']);
    expect((await audit.read()).filter((entry) => entry.action === 'drift.detected')).toHaveLength(1);
  });

  it('updates the open episode in place when more changes arrive, and closes it when the policy is back', async () => {
    const { reads, shown, first } = await setUp();
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:00:00Z'), assignments: [] });
    await first.once();
    reads.policies.set('p1', { policy: policy('EDR 2', '2026-12-05T16:05:00Z'), assignments: [] });
    expect(await first.once()).toMatchObject({ opened: 0, updated: 1 });
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:10:00Z'), assignments: [target('g1')] });
    expect(await first.once()).toMatchObject({ closed: 1 });
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:15:00Z'), assignments: [] });
    expect(await first.once()).toMatchObject({ opened: 1 });
    expect(shown).toEqual(['opened', 'updated', 'opened']);
  });

  it('names who changed the policy and when from Intune audit events since the baseline, reading them only on drift', async () => {
    const { reads, audit, told, first } = await setUp();
    await first.once();
    expect(reads.auditReads).toBe(0);
    reads.changes.push(
      {
        at: '2026-11-20T08:00:00.000Z',
        actor: 'old@contoso.example',
        actorKind: 'person',
        activity: 'Patch',
        policyIds: ['p1'],
      },
      {
        at: '2026-11-23T09:05:00.000Z',
        actor: 'megan@contoso.example',
        actorKind: 'person',
        activity: 'Patch',
        policyIds: ['p1'],
      },
      {
        at: '2026-11-23T09:06:00.000Z',
        actor: 'other@contoso.example',
        actorKind: 'person',
        activity: 'Patch',
        policyIds: ['p2'],
      },
    );
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:00:00Z'), assignments: [] });
    await first.once();
    expect(reads.auditReads).toBe(1);
    expect(told).toEqual([{ kind: 'known', changes: [expect.objectContaining({ actor: 'megan@contoso.example' })] }]);
    const [entry] = (await audit.read()).filter((e) => e.action === 'drift.detected');
    expect(entry?.details).toMatchObject({ changedBy: ['megan@contoso.example'] });
  });

  it('says so when the audit log may not be read', async () => {
    const { reads, told, first } = await setUp();
    reads.auditPermitted = false;
    reads.policies.set('p1', { policy: policy('EDR', '2026-12-05T16:00:00Z'), assignments: [] });
    await first.once();
    expect(told).toEqual([{ kind: 'not-permitted' }]);
  });
});
