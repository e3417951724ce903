import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine, type RunRequest } from '../../../core/runs/run-engine.js';
import type { StepHandler } from '../../../core/runs/step-handler.js';
import { UserFacingError } from '../../../core/user-facing-error.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from './fake-steps.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };

function setup(handlers: (world: FakeWorld) => StepHandler[], storage: Storage = createMemoryStorage()) {
  const world = new FakeWorld();
  const clock = new FakeClock();
  const audit = createMemoryAuditLog(clock);
  let counter = 0;
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: handlers(world),
    newRunId: () => `r-${++counter}`,
  });
  return { world, clock, audit, engine, storage };
}

function request(facts: string[], resources: string[] = [], kind = 'make'): RunRequest {
  return {
    kind: 'test',
    title: 'test run',
    requestedBy: alex,
    conversationId: 'conv-1',
    resources,
    steps: facts.map((fact) => ({ kind, title: `make ${fact}`, input: { fact } })),
  };
}

describe('RunEngine', () => {
  it('runs every step in order and ends done, auditing each change', async () => {
    const { engine, world, audit } = setup((w) => [w.handler('make')]);
    const run = await engine.start(request(['a', 'b']));
    await engine.idle();
    const ended = await engine.get(run.id);
    expect(ended?.status).toBe('done');
    expect(ended?.steps.map((step) => step.state)).toEqual(['done', 'done']);
    expect(world.performed).toEqual(['a', 'b']);
    const actions = (await audit.read()).map((entry) => entry.action);
    expect(actions).toEqual(['run.started', 'step.done', 'step.done', 'run.done']);
  });

  it('skips what the world already has, without performing it', async () => {
    const { engine, world } = setup((w) => [w.handler('make')]);
    world.facts.add('a');
    const run = await engine.start(request(['a', 'b']));
    await engine.idle();
    const ended = await engine.get(run.id);
    expect(ended?.steps[0]?.message).toMatch(/^already done/);
    expect(world.performed).toEqual(['b']);
  });

  it('waits for the admin, then verifies with backoff and moves on by itself', async () => {
    const { engine, world, clock } = setup((w) => [
      w.handler('console', () => ({
        kind: 'waiting-for-admin',
        message: 'do it in the console',
        guidance: { path: 'x' },
      })),
      w.handler('make'),
    ]);
    const run = await engine.start({
      ...request([]),
      steps: [
        { kind: 'console', title: 'attach', input: { fact: 'attached' } },
        { kind: 'make', title: 'b', input: { fact: 'b' } },
      ],
    });
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('waiting');

    await engine.verify(run.id, alex);
    const sleepsBefore = clock.sleeps.length;
    clock.duringNextSleep(() => world.facts.add('attached'));
    await engine.idle();
    const ended = await engine.get(run.id);
    expect(ended?.status).toBe('done');
    expect(ended?.steps[0]?.message).toMatch(/^verified/);
    expect(clock.sleeps.length).toBe(sleepsBefore + 1);
    expect(world.performed).toEqual(['attached', 'b']);
  });

  it('gives up verifying after the policy time and says what to check', async () => {
    const { engine, world, clock } = setup((w) => [
      w.handler('console', () => ({ kind: 'waiting-for-admin', message: 'console', guidance: {} })),
    ]);
    const run = await engine.start(request(['never'], [], 'console'));
    await engine.idle();
    await engine.verify(run.id, alex);
    await engine.idle();
    const step = (await engine.get(run.id))?.steps[0];
    expect(step?.state).toBe('waiting-for-admin');
    expect(step?.wait?.gaveUpAt).toBe(clock.now().toISOString());
    expect(clock.sleeps.length).toBeGreaterThan(1);
    expect(step?.message).toContain('CMGatewaySyncUploadWorker.log');
    expect(world.performed).toEqual(['never']);
  });

  it('refuses a second live run on the same resource, naming the first', async () => {
    const { engine } = setup((w) => [
      w.handler('console', () => ({ kind: 'waiting-for-admin', message: 'console', guidance: {} })),
    ]);
    const first = await engine.start(request(['x'], ['collection:PS100042'], 'console'));
    await engine.idle();
    await expect(engine.start(request(['y'], ['collection:PS100042'], 'console'))).rejects.toThrow(UserFacingError);
    await expect(engine.start(request(['y'], ['collection:PS100042'], 'console'))).rejects.toThrow(first.id);
    await engine.cancel(first.id, alex);
    await expect(engine.start(request(['y'], ['collection:PS100042'], 'console'))).resolves.toMatchObject({
      status: 'active',
    });
  });

  it('marks a throwing step failed, and retry performs it once more', async () => {
    const { engine, world } = setup((w) => [w.handler('make')]);
    world.failNext.set('a', 1);
    const run = await engine.start(request(['a', 'b'], ['policy:p']));
    await engine.idle();
    const failed = await engine.get(run.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.steps[0]?.problem?.fix).toContain('Retry');
    await engine.retry(run.id, alex);
    await engine.idle();
    expect((await engine.get(run.id))?.status).toBe('done');
    expect(world.performed).toEqual(['a', 'b']);
  });

  it('resumes after a restart: a step that was running is re-checked, never blindly repeated', async () => {
    const storage = createMemoryStorage();
    const first = setup((w) => [w.handler('make')], storage);
    const run = await first.engine.start(request(['a', 'b']));
    await first.engine.idle();
    await storage.put(`run/${run.id}`, {
      ...(await first.engine.get(run.id)),
      status: 'active',
      endedAt: undefined,
      steps: (await first.engine.get(run.id))!.steps.map((step) => ({
        ...step,
        state: step.id === 's2' ? 'running' : step.state,
      })),
    });

    const second = setup((w) => [w.handler('make')], storage);
    second.world.facts.add('a');
    second.world.facts.add('b');
    expect(await second.engine.resumeAll()).toBe(1);
    await second.engine.idle();
    const resumed = await second.engine.get(run.id);
    expect(resumed?.status).toBe('done');
    expect(resumed?.steps[1]?.message).toMatch(/^already done/);
    expect(second.world.performed).toEqual([]);
  });

  it('performs a step once even when advanced concurrently', async () => {
    const { engine, world } = setup((w) => [w.handler('make')]);
    const run = await engine.start(request(['a']));
    await Promise.all(Array.from({ length: 10 }, () => engine.advance(run.id, alex)));
    await engine.idle();
    expect(world.performed).toEqual(['a']);
  });

  it('cancels a waiting run and releases its resources', async () => {
    const { engine, audit } = setup((w) => [
      w.handler('console', () => ({ kind: 'waiting-for-admin', message: 'console', guidance: {} })),
    ]);
    const run = await engine.start(request(['x', 'y'], ['collection:A'], 'console'));
    await engine.idle();
    const cancelled = await engine.cancel(run.id, alex);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.steps.every((step) => step.state === 'skipped')).toBe(true);
    expect((await audit.read()).at(-1)?.action).toBe('run.cancelled');
    await expect(engine.cancel(run.id, alex)).rejects.toThrow('is cancelled');
  });
});
