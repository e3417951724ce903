import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { DriftEpisodes } from '../../../core/drift/drift-episodes.js';
import { createDriftRecreateStep } from '../../../core/drift/steps/drift-recreate-step.js';
import { createDriftRecreatedStep } from '../../../core/drift/steps/drift-recreated-step.js';
import type { PolicyListItem } from '../../../core/policy/managed-policy.js';
import type { PolicyRestore } from '../../../core/ports/policy-restore.js';
import type { StepRecord } from '../../../core/runs/run-record.js';
import type { StepContext, StepOutcome } from '../../../core/runs/step-handler.js';
import { FakeClock } from '../../support/fake-clock.js';
import { stepContext, stepRecord } from '../workflow/step-context.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const approvedPolicy = {
  name: 'EDR',
  lastModifiedDateTime: '2026-12-01T10:00:00Z',
  settings: [
    {
      id: '0',
      settingInstance: {
        settingDefinitionId: SAMPLE_SHARING,
        choiceSettingValue: { value: `${SAMPLE_SHARING}_1`, children: [] },
      },
    },
  ],
};
const filtered = {
  id: 'p1_ps100015',
  target: {
    '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
    collectionId: 'PS100015',
    deviceAndAppManagementAssignmentFilterId: 'f1',
    deviceAndAppManagementAssignmentFilterType: 'include',
  },
};

/** A tenant where p1 was deleted: the restore port makes policies in it as the service would, tagged with the ref. */
async function setUp() {
  const storage = createMemoryStorage();
  const baselines = new BaselineStore(storage);
  const episodes = new DriftEpisodes(storage, () => 'd-1');
  const reads = new InMemoryDriftReads();
  const listed: PolicyListItem[] = [];
  const calls: string[] = [];
  const recordedAt = new FakeClock().now().toISOString();
  const baseline = baselineFrom('p1', { policy: approvedPolicy, assignments: [filtered] }, recordedAt, {
    runId: 'r-0',
    approvalId: 'a-0',
  });
  await baselines.put(baseline);
  await episodes.record({ baseline, items: [{ kind: 'deleted' }], seenAt: recordedAt });
  const restore: PolicyRestore = {
    restoreSettings: () => Promise.reject(new Error('not here')),
    restoreAssignments: (policyId, approved, _write, toNewPolicy) => {
      calls.push(`assign ${policyId} ${String(toNewPolicy)}`);
      const state = reads.policies.get(policyId);
      const targets = approved.map((one) => ({ target: (one as typeof filtered).target, id: `${policyId}_x` }));
      if (state) reads.policies.set(policyId, { ...state, assignments: targets });
      return Promise.resolve();
    },
    recreate: (approved, write) => {
      const id = `p${listed.length + 2}`;
      calls.push(`create ${id}`);
      // As the Graph adapter does (adapters/graph/restore-body.ts): the description carries the marker with the ref.
      const body = { ...(structuredClone(approved) as object), description: `[AttachOps ${write.ref}]` };
      reads.policies.set(id, { policy: body, assignments: [] });
      listed.push({
        id,
        name: 'EDR',
        description: '',
        kind: undefined,
        managedByAttachOps: true,
        writeRef: write.ref,
        isAssigned: false,
      });
      return Promise.resolve({ id });
    },
  };
  const policies = { list: () => Promise.resolve([...listed]) };
  const parts = { baselines, episodes, reads, restore, policies };
  const input = { policyId: 'p1', policyName: 'EDR', baselineRecordedAt: recordedAt, episodeId: 'd-1' };
  return {
    step: createDriftRecreateStep(parts),
    closing: createDriftRecreatedStep(parts),
    baselines,
    episodes,
    reads,
    calls,
    input,
    approvedState: baseline.state,
  };
}

/** A context whose run holds `steps` (earlier ones with their stored outcomes), each step writing under its own ref. */
function inRun(step: StepRecord, steps: readonly StepRecord[]): StepContext {
  const base = stepContext(step);
  return { ...base, run: { ...base.run, steps: [...steps] }, write: { ...base.write, ref: `r-1.${step.id}` } };
}

const done = (step: StepRecord, outcome: StepOutcome | { done: true; outcome?: unknown }): StepRecord => ({
  ...step,
  state: 'done',
  outcome: 'outcome' in outcome ? outcome.outcome : undefined,
});

describe('the drift-recreate part steps and the drift-recreated closing step', () => {
  it('create, then assign the policy the create made, then move the baseline and close the episode; audited once, in the transition', async () => {
    const { step, closing, baselines, episodes, reads, calls, input, approvedState } = await setUp();
    const create = { ...stepRecord(step.kind, { ...input, part: 'create' }), id: 's-create' };
    const assign = { ...stepRecord(step.kind, { ...input, part: 'assignments' }), id: 's-assign' };
    const close = { ...stepRecord(closing.kind, { ...input }), id: 's-close' };

    expect(await step.check(create, inRun(create, [create]))).toEqual({ done: false });
    const created = await step.perform(create, inRun(create, [create]));
    expect(created).toMatchObject({ kind: 'done', outcome: { policyId: 'p2' } });
    // A lost answer (or Intune's hold, settled by this check after the resend) finds the policy by the write ref.
    const settled = await step.check(create, inRun(create, [create]));
    expect(settled).toMatchObject({ done: true, outcome: { policyId: 'p2' } });
    expect(calls).toEqual(['create p2']);

    const steps = [done(create, created), assign, close];
    expect(await step.check(assign, inRun(assign, steps)), 'p2 has no assignments yet').toEqual({ done: false });
    expect(await step.perform(assign, inRun(assign, steps))).toMatchObject({
      kind: 'done',
      outcome: { policyId: 'p2' },
    });
    expect(calls).toEqual(['create p2', 'assign p2 true']);
    expect(await step.check(assign, inRun(assign, steps))).toMatchObject({ done: true, outcome: { policyId: 'p2' } });

    const context = inRun(close, steps);
    const closed = await closing.perform(close, context);
    expect(closed).toMatchObject({ kind: 'done', outcome: { policyId: 'p2' } });
    expect(closed.kind === 'done' ? closed.events?.map((event) => [event.action, event.details]) : []).toEqual([
      ['drift.recreated', { policy: 'EDR', run: 'r-1', deletedPolicy: 'p1', newPolicy: 'p2', episode: 'd-1' }],
    ]);
    expect(await context.audit.read(), 'the entry is the transition’s, not appended by the step').toEqual([]);
    expect(await baselines.get('p1')).toBeUndefined();
    const moved = await baselines.get('p2');
    expect(moved).toMatchObject({ runId: 'r-1', policyId: 'p2' });
    expect(
      { ...moved?.state, description: '' },
      'the new policy, as read, normalises equal to the approved baseline but for its marker',
    ).toEqual({ ...approvedState, description: '' });
    expect(moved?.state.description).toBe('[AttachOps r-1.s-create]');
    expect(await episodes.get('p1')).toBeUndefined();
    expect(JSON.stringify((await reads.read('p2'))?.policy)).toBe(
      JSON.stringify({ ...approvedPolicy, description: '[AttachOps r-1.s-create]' }),
    );

    // Killed after the baseline moved and before the transition was stored: the next attempt finishes, moving nothing.
    const again = await closing.perform(close, inRun(close, steps));
    expect(again).toMatchObject({ kind: 'done', outcome: { policyId: 'p2' } });
    expect((await baselines.get('p2'))?.recordedAt).toBe(moved?.recordedAt);
    expect(calls).toEqual(['create p2', 'assign p2 true']);
  });

  it('the closing step fails, moving nothing, when the recreated policy is not as approved', async () => {
    const { step, closing, baselines, input } = await setUp();
    const create = { ...stepRecord(step.kind, { ...input, part: 'create' }), id: 's-create' };
    const created = await step.perform(create, inRun(create, [create]));
    const close = { ...stepRecord(closing.kind, { ...input }), id: 's-close' };
    const steps = [done(create, created), close];
    expect(await closing.perform(close, inRun(close, steps))).toMatchObject({
      kind: 'failed',
      problem: { title: 'Not as approved' },
    });
    expect(await baselines.get('p1')).toBeDefined();
    expect(await baselines.get('p2')).toBeUndefined();
  });

  it('the closing step fails when a setting of the recreated policy was changed before it ran', async () => {
    const { step, closing, baselines, reads, input } = await setUp();
    const create = { ...stepRecord(step.kind, { ...input, part: 'create' }), id: 's-create' };
    const created = await step.perform(create, inRun(create, [create]));
    const assign = { ...stepRecord(step.kind, { ...input, part: 'assignments' }), id: 's-assign' };
    const close = { ...stepRecord(closing.kind, { ...input }), id: 's-close' };
    const steps = [done(create, created), assign, close];
    await step.perform(assign, inRun(assign, steps));
    const state = reads.policies.get('p2');
    if (!state) throw new Error('no policy');
    const flipped = JSON.parse(JSON.stringify(state.policy).replace(`${SAMPLE_SHARING}_1`, `${SAMPLE_SHARING}_0`));
    reads.policies.set('p2', { ...state, policy: flipped });
    const failed = await closing.perform(close, inRun(close, steps));
    expect(failed).toMatchObject({ kind: 'failed', problem: { title: 'Not as approved' } });
    expect(failed.kind === 'failed' ? failed.problem.message : '').toContain('(setting)');
    expect(await baselines.get('p2')).toBeUndefined();
  });

  it('the assignments step fails without a done create step, and the create fails, writing nothing, when the baseline moved', async () => {
    const { step, baselines, reads, calls, input } = await setUp();
    const assign = stepRecord(step.kind, { ...input, part: 'assignments' });
    expect(await step.perform(assign, inRun(assign, [assign]))).toMatchObject({
      kind: 'failed',
      problem: { title: 'No recreated policy' },
    });
    reads.policies.set('p9', { policy: approvedPolicy, assignments: [] });
    const other = await reads.read('p9');
    if (!other) throw new Error('no policy');
    await baselines.put(baselineFrom('p1', other, '2026-12-05T11:00:00.000Z', { runId: 'r-accept' }));
    const create = stepRecord(step.kind, { ...input, part: 'create' });
    expect(await step.perform(create, inRun(create, [create]))).toMatchObject({
      kind: 'failed',
      problem: { title: 'The baseline moved' },
    });
    expect(calls).toEqual([]);
  });

  it('a step planned before the split (no part) still creates, assigns, moves the baseline and audits itself', async () => {
    const { step, baselines, episodes, calls, input } = await setUp();
    const whole = stepRecord(step.kind, { ...input });
    const context = inRun(whole, [whole]);
    expect(await step.check(whole, context)).toEqual({ done: false });
    expect(await step.perform(whole, context)).toMatchObject({ kind: 'done', outcome: { policyId: 'p2' } });
    expect(calls).toEqual(['create p2', 'assign p2 true']);
    expect(await baselines.get('p2')).toMatchObject({ runId: 'r-1' });
    expect(await baselines.get('p1')).toBeUndefined();
    expect(await episodes.get('p1')).toBeUndefined();
    expect((await context.audit.read()).map((entry) => entry.action)).toEqual(['drift.recreated']);
    expect(await step.check(whole, context)).toMatchObject({ done: true, outcome: { policyId: 'p2' } });
  });
});
