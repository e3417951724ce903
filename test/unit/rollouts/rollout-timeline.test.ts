import { describe, expect, it } from 'vitest';
import { toRolloutListView, toRolloutView } from '../../../cards/views/rollout-view.js';
import { rolloutTimeline } from '../../../core/rollouts/rollout-timeline.js';
import { ROLLOUT_NOW, rolloutRun } from '../../cards/rollout-fixtures.js';

const phases = (run: ReturnType<typeof rolloutRun>) =>
  rolloutTimeline(run, ROLLOUT_NOW).rings.map((ring) => ring.phase);

describe('the rollout timeline, read from the run’s steps', () => {
  it('names each ring, its devices and where it stands', () => {
    const timeline = rolloutTimeline(rolloutRun('soaking'), ROLLOUT_NOW);
    expect(timeline.rings.map(({ name, devices }) => [name, devices])).toEqual([
      ['pilot', 12],
      ['broad', 800],
      ['all', 4000],
    ]);
    expect(timeline.rings[0]).toMatchObject({ phase: 'soaking', soakEndsAt: '2026-11-24T07:00:00.000Z' });
    expect(phases(rolloutRun('soaking'))).toEqual(['soaking', 'not-started', 'not-started']);
    expect(phases(rolloutRun('passed', 'asking'))).toEqual(['passed', 'passed', 'waiting-for-approval']);
    expect(phases(rolloutRun('passed', 'halted'))).toEqual(['passed', 'halted', 'never-assigned']);
    expect(phases(rolloutRun('passed', 'passed', 'done'))).toEqual(['passed', 'passed', 'assigned']);
    expect(rolloutTimeline(rolloutRun('passed', 'halted'), ROLLOUT_NOW).halted?.name).toBe('broad');
    expect(rolloutTimeline(rolloutRun('paused'), ROLLOUT_NOW).pausedBy).toBe('Megan Bowen');
  });

  it('the card: time left while soaking, figures against thresholds, the halt’s two actions', () => {
    const soaking = toRolloutView(rolloutRun('soaking'), ROLLOUT_NOW);
    expect(soaking.rings[0]?.label).toBe('soaking, 21 h left (until tomorrow 07:00 UTC)');
    expect(soaking.rings[0]?.figures).toBe('gate: reported>=80%, failed<=2%, noncompliant<=10%');
    expect(soaking.nextSteps).toEqual([{ title: 'Pause', command: 'rollout pause r-r1ngs9' }]);

    const halted = toRolloutView(rolloutRun('passed', 'halted'), ROLLOUT_NOW);
    expect(halted.rings[1]).toMatchObject({ icon: '🛑', label: 'halted: its gate failed' });
    expect(halted.rings[1]?.figures).toContain('failed 10% (misses <=2%)');
    expect(halted.rings[0]?.figures).toContain('failed 0% (meets <=2%)');
    expect(halted.nextSteps).toEqual([
      { title: 'Roll back this ring', command: 'rollout rollback r-r1ngs9' },
      { title: 'Advance anyway', command: 'rollout advance r-r1ngs9' },
    ]);
    expect(halted.nextAction).toContain('Ring broad halted the rollout');

    const asking = toRolloutView(rolloutRun('passed', 'asking'), ROLLOUT_NOW);
    expect(asking.rings[2]?.label).toBe('its turn: waiting for a second person to approve');
    expect(asking.nextAction).toBe('Someone other than Alex Wilber approves ring all on the approval card.');

    const paused = toRolloutView(rolloutRun('paused'), ROLLOUT_NOW);
    expect(paused.rings[0]?.icon).toBe('⏸️');
    expect(paused.nextSteps).toEqual([{ title: 'Resume', command: 'rollout resume r-r1ngs9' }]);

    const held = toRolloutView(rolloutRun('passed', 'held'), ROLLOUT_NOW);
    expect(held.rings[2]).toMatchObject({
      icon: '⏸️',
      name: '3. all (4,000 devices)',
      label: 'approved by Megan Bowen; held: paused by Alex Wilber; assigned once resumed',
    });
    expect(held.nextAction).toBe(
      'Paused by Alex Wilber: ring all is approved and is assigned once someone types rollout resume.',
    );
    expect(held.nextSteps).toEqual([{ title: 'Resume', command: 'rollout resume r-r1ngs9' }]);
  });

  it('reads ring names and device counts from the steps’ data, not their titles', () => {
    const run = rolloutRun('soaking');
    const retitled = { ...run, steps: run.steps.map((step) => ({ ...step, title: 'renamed' })) };
    expect(rolloutTimeline(retitled, ROLLOUT_NOW).rings.map(({ name, devices }) => [name, devices])).toEqual([
      ['pilot', 12],
      ['broad', 800],
      ['all', 4000],
    ]);
  });

  it('rollouts lists open ones first', () => {
    const done = { ...rolloutRun('passed', 'passed', 'done'), id: 'r-done01', createdAt: '2026-11-23T09:00:00Z' };
    const halted = { ...rolloutRun('passed', 'halted'), id: 'r-halt01' };
    const soaking = { ...rolloutRun('soaking'), id: 'r-soak01', createdAt: '2026-11-20T09:00:00Z' };
    expect(toRolloutListView([done, halted, soaking], ROLLOUT_NOW).rollouts.map((row) => row.runId)).toEqual([
      'r-soak01',
      'r-halt01',
      'r-done01',
    ]);
  });
});
