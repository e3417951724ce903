import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { createDriftRevertStep } from '../../../core/drift/steps/drift-revert-step.js';
import { createDriftRevertedStep } from '../../../core/drift/steps/drift-reverted-step.js';
import type { PolicyRestore } from '../../../core/ports/policy-restore.js';
import { FakeClock } from '../../support/fake-clock.js';
import { stepContext, stepRecord } from '../workflow/step-context.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const policy = (value: string, lastModifiedDateTime: string) => ({
  name: 'EDR',
  lastModifiedDateTime,
  settings: [
    {
      id: '0',
      settingInstance: {
        settingDefinitionId: SAMPLE_SHARING,
        choiceSettingValue: { value: `${SAMPLE_SHARING}_${value}`, children: [] },
      },
    },
  ],
});
const filtered = {
  id: 'p1_ps100015',
  target: {
    '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
    collectionId: 'PS100015',
    deviceAndAppManagementAssignmentFilterId: 'f1',
    deviceAndAppManagementAssignmentFilterType: 'include',
  },
};

/** A restore port over the in-memory policies: what it is sent becomes the policy, as the service would store it. */
function restoring(reads: InMemoryDriftReads) {
  const calls: string[] = [];
  const restore: PolicyRestore = {
    restoreSettings: (policyId, approved) => {
      calls.push('settings');
      const state = reads.policies.get(policyId);
      if (state) reads.policies.set(policyId, { ...state, policy: structuredClone(approved) });
      return Promise.resolve();
    },
    restoreAssignments: (policyId, approved) => {
      calls.push('assignments');
      const state = reads.policies.get(policyId);
      if (state) reads.policies.set(policyId, { ...state, assignments: structuredClone([...approved]) });
      return Promise.resolve();
    },
    recreate: () => Promise.reject(new Error('not here')),
  };
  return { restore, calls };
}

async function setUp() {
  const storage = createMemoryStorage();
  const baselines = new BaselineStore(storage);
  const reads = new InMemoryDriftReads();
  reads.policies.set('p1', { policy: policy('1', '2026-12-01T10:00:00Z'), assignments: [filtered] });
  const state = await reads.read('p1');
  if (!state) throw new Error('no policy');
  const recordedAt = new FakeClock().now().toISOString();
  await baselines.put(baselineFrom('p1', state, recordedAt, { runId: 'r-0', approvalId: 'a-0' }));
  const { restore, calls } = restoring(reads);
  const step = createDriftRevertStep({ baselines, reads, restore });
  const record = stepRecord(step.kind, { policyId: 'p1', policyName: 'EDR', baselineRecordedAt: recordedAt });
  return { reads, step, record, calls, baselines, recordedAt };
}

describe('the drift-revert step', () => {
  it('writes only what drifted (settings here), is done after, and a repeat finds it done and sends nothing', async () => {
    const { reads, step, record, calls } = await setUp();
    reads.policies.set('p1', { policy: policy('0', '2026-12-05T10:00:00Z'), assignments: [filtered] });
    const context = stepContext(record);
    expect(await step.check(record, context)).toEqual({ done: false });
    expect(await step.perform(record, context)).toMatchObject({ kind: 'done', outcome: { reverted: ['setting'] } });
    expect(calls).toEqual(['settings']);
    expect(await step.check(record, context)).toMatchObject({ done: true });
    expect((await context.audit.read()).map((entry) => entry.action)).toEqual(['drift.reverted']);
  });

  it('puts a removed filtered assignment back exactly as approved', async () => {
    const { reads, step, record, calls } = await setUp();
    reads.policies.set('p1', { policy: policy('1', '2026-12-01T10:00:00Z'), assignments: [] });
    await step.perform(record, stepContext(record));
    expect(calls).toEqual(['assignments']);
    expect(JSON.stringify((await reads.read('p1'))?.assignments)).toBe(JSON.stringify([filtered]));
  });

  it('fails, writing nothing, when the baseline moved since the revert was approved', async () => {
    const { reads, step, record, calls, baselines } = await setUp();
    reads.policies.set('p1', { policy: policy('0', '2026-12-05T10:00:00Z'), assignments: [] });
    const state = await reads.read('p1');
    if (!state) throw new Error('no policy');
    await baselines.put(baselineFrom('p1', state, '2026-12-05T11:00:00.000Z', { runId: 'r-accept' }));
    expect(await step.perform(record, stepContext(record))).toMatchObject({
      kind: 'failed',
      problem: { title: 'The baseline moved' },
    });
    expect(calls).toEqual([]);
  });

  it('a part step writes and checks only its half and leaves the audit to the closing step', async () => {
    const { reads, step, calls, baselines, recordedAt } = await setUp();
    reads.policies.set('p1', { policy: policy('0', '2026-12-05T10:00:00Z'), assignments: [] });
    const input = { policyId: 'p1', policyName: 'EDR', baselineRecordedAt: recordedAt };
    const settings = stepRecord(step.kind, { ...input, part: 'settings' });
    const assignments = stepRecord(step.kind, { ...input, part: 'assignments' });
    const closing = createDriftRevertedStep({ baselines, reads });
    const confirm = stepRecord(closing.kind, { ...input, reverted: ['setting', 'target-removed'] });
    const context = stepContext(settings);
    expect(await step.perform(settings, context)).toMatchObject({ kind: 'done', outcome: { reverted: ['setting'] } });
    expect(calls).toEqual(['settings']);
    expect(await step.check(settings, context), 'the assignment drift is not this step’s').toMatchObject({
      done: true,
    });
    expect(await step.check(assignments, context)).toEqual({ done: false });
    expect(await closing.perform(confirm, context)).toMatchObject({
      kind: 'failed',
      problem: { title: 'Not back to the baseline' },
    });
    expect(await context.audit.read()).toEqual([]);
    expect(await step.perform(assignments, context)).toMatchObject({ outcome: { reverted: ['target-removed'] } });
    expect(calls).toEqual(['settings', 'assignments']);
    const done = await closing.perform(confirm, context);
    expect(done).toMatchObject({ kind: 'done' });
    // The entry travels with the step's transition (stored in the same write), never appended by the step itself.
    expect(await context.audit.read()).toEqual([]);
    const events = done.kind === 'done' ? (done.events ?? []) : [];
    expect(events.map((entry) => [entry.action, entry.details?.reverted])).toEqual([
      ['drift.reverted', ['setting', 'target-removed']],
    ]);
  });
});
