import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { RunSpanSubject, RunTracing } from '../../../core/ports/run-tracing.js';
import { RunEngine, type RunRequest } from '../../../core/runs/run-engine.js';
import type { StepHandler } from '../../../core/runs/step-handler.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from './fake-steps.js';
import { doorWait, Doors, knockStep } from './toy-door-wait.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const TURN = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

interface RecordedSpan {
  readonly name: string;
  readonly parent?: string;
  readonly startedBy?: string;
}

/** RunTracing in memory: spans with their parent (the span active when they began), counters as lists. */
class RecordingTracing implements RunTracing {
  readonly spans: RecordedSpan[] = [];
  readonly ended: string[] = [];
  readonly waits: string[] = [];
  /** The `traceparent` of the turn in progress, as the turn span would give it. */
  turn: string | undefined = TURN;
  private readonly active = new AsyncLocalStorage<string>();

  currentTraceparent(): string | undefined {
    return this.turn;
  }

  inRunSpan<T>(run: RunSpanSubject, work: () => Promise<T>): Promise<T> {
    return this.span(`run ${run.kind} ${run.id}`, work, run.startedBy);
  }

  inStepSpan<T>(step: { readonly kind: string; readonly index: number }, work: () => Promise<T>): Promise<T> {
    return this.span(`step ${step.kind} ${step.index}`, work);
  }

  runEnded(outcome: string): void {
    this.ended.push(outcome);
  }

  waitBegan(waitingFor: 'person' | 'intune', kind: string): void {
    this.waits.push(`${waitingFor} ${kind}`);
  }

  private span<T>(name: string, work: () => Promise<T>, startedBy?: string): Promise<T> {
    const parent = this.active.getStore();
    this.spans.push({ name, ...(parent ? { parent } : {}), ...(startedBy ? { startedBy } : {}) });
    return this.active.run(name, work);
  }
}

function engineWith(handlers: StepHandler[], tracing: RunTracing, clock = new FakeClock(), doors = new Doors()) {
  return new RunEngine({
    storage: createMemoryStorage(),
    audit: createMemoryAuditLog(clock),
    clock,
    log: silentLogger,
    handlers,
    waits: [doorWait(doors)],
    newRunId: () => 'r-1',
    tracing,
  });
}

function request(steps: { kind: string; input: Record<string, unknown> }[]): RunRequest {
  return {
    kind: 'test',
    title: 'a run for Alex Wilber',
    requestedBy: alex,
    conversationId: 'conv-1',
    resources: [],
    steps: steps.map((step) => ({ ...step, title: step.kind })),
  };
}

describe('the run engine through the RunTracing port', () => {
  it('keeps the starting turn with the run; its work is a run span linked to it, with a span per step under it', async () => {
    const world = new FakeWorld();
    const tracing = new RecordingTracing();
    const engine = engineWith([world.handler('make')], tracing);
    const started = await engine.start(
      request([
        { kind: 'make', input: { fact: 'a' } },
        { kind: 'make', input: { fact: 'b' } },
      ]),
    );
    tracing.turn = undefined;
    await engine.idle();

    expect(started.traceparent).toBe(TURN);
    expect((await engine.get('r-1'))?.traceparent).toBe(TURN);
    expect(tracing.spans).toEqual([
      { name: 'run test r-1', startedBy: TURN },
      { name: 'step make 0', parent: 'run test r-1' },
      { name: 'step make 1', parent: 'run test r-1' },
    ]);
    expect(tracing.ended).toEqual(['done']);
    expect(tracing.waits).toEqual([]);
  });

  it('counts a wait for a person once, however often the waiting step is looked at again', async () => {
    const world = new FakeWorld();
    const tracing = new RecordingTracing();
    const asks = world.handler('ask', () => ({ kind: 'waiting-for-approval', message: 'waiting', approvalId: 'a-1' }));
    const engine = engineWith([asks], tracing);
    await engine.start(request([{ kind: 'ask', input: { fact: 'x' } }]));
    await engine.idle();
    engine.advanceInBackground('r-1', alex);
    await engine.idle();

    expect((await engine.get('r-1'))?.status).toBe('waiting');
    expect(tracing.waits).toEqual(['person waiting-for-approval']);
    expect(tracing.spans.filter((span) => span.name.startsWith('run '))).toHaveLength(2);
    expect(tracing.spans.filter((span) => span.name.startsWith('run ')).map((span) => span.startedBy)).toEqual([
      TURN,
      TURN,
    ]);
    expect(tracing.ended).toEqual([]);
  });

  it('counts a wait kind as a wait for Intune, and each look is a step span under the run span', async () => {
    const doors = new Doors();
    const clock = new FakeClock();
    const tracing = new RecordingTracing();
    const engine = engineWith([knockStep(doors)], tracing, clock, doors);
    clock.duringNextSleep(() => doors.open.add('front'));
    await engine.start(request([{ kind: 'knock', input: { door: 'front' } }]));
    await engine.idle();

    expect((await engine.get('r-1'))?.status).toBe('done');
    expect(tracing.waits).toEqual(['intune door']);
    expect(tracing.spans).toEqual([
      { name: 'run test r-1', startedBy: TURN },
      { name: 'step knock 0', parent: 'run test r-1' },
      { name: 'step knock 0', parent: 'run test r-1' },
      { name: 'step knock 0', parent: 'run test r-1' },
    ]);
    expect(tracing.ended).toEqual(['done']);
  });

  it('a run started with no turn traced stores no trace context', async () => {
    const tracing = new RecordingTracing();
    tracing.turn = undefined;
    const engine = engineWith([new FakeWorld().handler('make')], tracing);
    const started = await engine.start(request([{ kind: 'make', input: { fact: 'a' } }]));
    await engine.idle();
    expect(started).not.toHaveProperty('traceparent');
    expect(tracing.spans[0]).toEqual({ name: 'run test r-1' });
  });
});
