import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { DriftWatcher } from '../../../core/drift/drift-watcher.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { FakeClock } from '../../support/fake-clock.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';

function policy(sampleSharing: string, lastModifiedDateTime = '2026-12-01T10:00:00Z') {
  return {
    id: 'p1',
    name: 'EDR - Finance',
    lastModifiedDateTime,
    settings: [
      {
        id: '0',
        settingInstance: {
          settingDefinitionId: SAMPLE_SHARING,
          choiceSettingValue: { value: `${SAMPLE_SHARING}_${sampleSharing}`, children: [] },
        },
      },
    ],
  };
}
const target = (groupId: string) => ({
  id: `p1_${groupId}`,
  target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId },
});

async function watching() {
  const clock = new FakeClock();
  const reads = new InMemoryDriftReads();
  reads.policies.set('p1', { policy: policy('1'), assignments: [target('g1'), target('g2')] });
  const baselines = new BaselineStore(createMemoryStorage());
  const state = await reads.read('p1');
  if (!state) throw new Error('no policy');
  await baselines.put(baselineFrom('p1', state, clock.now().toISOString(), { runId: 'r-1', approvalId: 'a-1' }));
  reads.fullReads = 0;
  return { reads, baselines, watcher: new DriftWatcher({ baselines, reads, clock, log: silentLogger }) };
}

describe('the drift watcher', () => {
  it('reads nothing in full while every cheap look equals the last quiet one', async () => {
    const { reads, watcher } = await watching();
    const report = await watcher.cycle();
    expect(report).toMatchObject({ watched: 1, readInFull: 0, findings: [], quiet: ['p1'], unreadable: [] });
    expect(reads.fullReads).toBe(0);
  });

  it('reads a policy whose look changed once; noise is remembered, so the next cycle is cheap again', async () => {
    const { reads, watcher } = await watching();
    const noisy = policy('1', '2026-12-05T16:00:00Z');
    noisy.settings.reverse();
    reads.policies.set('p1', { policy: noisy, assignments: [target('G2'), target('g1')] });
    expect(await watcher.cycle()).toMatchObject({ readInFull: 1, findings: [] });
    expect(await watcher.cycle()).toMatchObject({ readInFull: 0, findings: [] });
  });

  it('finds a flipped setting and a removed target, naming both, with the baseline it came from', async () => {
    const { reads, watcher } = await watching();
    reads.policies.set('p1', { policy: policy('0', '2026-12-05T16:00:00Z'), assignments: [target('g1')] });
    const [finding] = (await watcher.cycle()).findings;
    expect(finding?.baseline).toMatchObject({ runId: 'r-1', approvalId: 'a-1' });
    expect(finding?.items.map((item) => item.kind)).toEqual(['setting', 'target-removed']);
  });

  it('sees an assignment change that leaves lastModifiedDateTime alone (graph-intune.md §12.5)', async () => {
    const { reads, watcher } = await watching();
    reads.policies.set('p1', { policy: policy('1'), assignments: [target('g1'), target('g2'), target('g3')] });
    const [finding] = (await watcher.cycle()).findings;
    expect(finding?.items).toEqual([{ kind: 'target-added', target: { key: 'groupassignmenttarget:g3', filter: '' } }]);
  });

  it('finds a deleted policy, and leaves an unreadable one for the next cycle', async () => {
    const { reads, watcher } = await watching();
    reads.unreadable.add('p1');
    expect(await watcher.cycle()).toMatchObject({ findings: [], unreadable: ['p1'] });
    reads.unreadable.clear();
    reads.policies.delete('p1');
    expect((await watcher.cycle()).findings.map((f) => f.items)).toEqual([[{ kind: 'deleted' }]]);
  });
});

describe('the drift watcher and the bot own runs', () => {
  it('leaves a policy alone while a run of the bot is changing it, and looks again once it is not', async () => {
    const { reads, baselines } = await watching();
    let busy = new Set(['p1']);
    const watcher = new DriftWatcher({
      baselines,
      reads,
      clock: new FakeClock(),
      log: silentLogger,
      inFlight: () => Promise.resolve(busy),
    });
    reads.policies.set('p1', { policy: policy('0', '2026-12-05T16:00:00Z'), assignments: [target('g1')] });
    expect(await watcher.cycle()).toMatchObject({ watched: 1, inFlight: 1, findings: [], readInFull: 0 });
    expect(reads.probes).toBe(0);
    busy = new Set();
    expect((await watcher.cycle()).findings).toHaveLength(1);
  });
});
