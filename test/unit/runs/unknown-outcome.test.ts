import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { UpstreamOutcomeUnknown } from '../../../core/errors/upstream-error.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { StepHandler, StepOutcome, WorldCheck } from '../../../core/runs/step-handler.js';
import { MAX_UNKNOWN_OUTCOMES } from '../../../core/runs/unknown-outcome.js';
import { FakeClock } from '../../support/fake-clock.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const SETTLE_MS = 30_000;
const lost = () => new UpstreamOutcomeUnknown({ upstream: 'graph', operation: 'create policy' }, 'ECONNRESET');
const AFTER_ANSWER_MS = 5_000;
/** The gateway answered: the service was reached, so the write is read back sooner (issue 23 item 10). */
const answered = (retryAfterMs?: number) =>
  new UpstreamOutcomeUnknown({ upstream: 'graph', operation: 'create policy' }, 'HTTP 503', {
    status: 503,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

/** A tenant where objects are found by the ref the write carried, as policies are by their marker. */
class Tenant {
  readonly objects = new Map<string, number>();
  sends = 0;
  /**
   * What happens to each send: 'lands' (answer lost), 'lost' (neither), 'ok', 'hang' (the process dies), '503' (the
   * gateway answered 503, nothing made) or '503-retry-2s' (the same with Retry-After: 2).
   */
  plan: ('lands' | 'lost' | 'ok' | 'hang' | '503' | '503-retry-2s')[] = [];

  handler(clock: FakeClock, sentAt: number[]): StepHandler {
    return {
      kind: 'create',
      changesTenant: true,
      check: async (_step, context): Promise<WorldCheck> =>
        this.objects.has(context.write.ref) ? { done: true, message: 'found by its ref' } : { done: false },
      perform: async (_step, context): Promise<StepOutcome> => {
        await context.write.beforeSend();
        this.sends += 1;
        sentAt.push(clock.now().getTime());
        const fate = this.plan.shift() ?? 'ok';
        if (fate === 'hang') return new Promise<never>(() => undefined);
        if (fate === 'lands' || fate === 'ok')
          this.objects.set(context.write.ref, (this.objects.get(context.write.ref) ?? 0) + 1);
        if (fate === '503') throw answered();
        if (fate === '503-retry-2s') throw answered(2_000);
        if (fate !== 'ok') throw lost();
        return { kind: 'done', message: 'created' };
      },
    };
  }
}

function engineOn(storage: Storage, tenant: Tenant, clock = new FakeClock()) {
  const audit = createMemoryAuditLog(clock);
  const sentAt: number[] = [];
  const engine = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [tenant.handler(clock, sentAt)],
    newRunId: () => 'r-1',
    writeSettleMs: SETTLE_MS,
    writeSettleAfterAnswerMs: AFTER_ANSWER_MS,
  });
  return { engine, audit, clock, sentAt };
}

const request = {
  kind: 'test',
  title: 'create one thing',
  requestedBy: alex,
  conversationId: 'conv-1',
  resources: [],
  steps: [{ kind: 'create', title: 'create', input: {} }],
};

describe('a tenant write whose answer is lost', () => {
  it('waits until the attempt can no longer land, reads the tenant, finds it by its ref and does not send again', async () => {
    const tenant = new Tenant();
    tenant.plan = ['lands'];
    const { engine, audit, clock, sentAt } = engineOn(createMemoryStorage(), tenant);
    await engine.start(request);
    await engine.idle();
    const run = await engine.get('r-1');
    expect(run?.status).toBe('done');
    expect(tenant.sends).toBe(1);
    expect(tenant.objects.get('r-1.s1')).toBe(1);
    expect(clock.now().getTime() - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(SETTLE_MS);
    expect(run?.steps[0]?.message).toContain('found by its ref');
    expect((await audit.read()).map((entry) => entry.action)).toEqual([
      'run.started',
      'step.outcome-unknown',
      'step.done',
      'run.done',
    ]);
  });

  it('sends again only after the first attempt has settled and the tenant shows nothing', async () => {
    const tenant = new Tenant();
    tenant.plan = ['lost', 'ok'];
    const { engine, sentAt } = engineOn(createMemoryStorage(), tenant);
    await engine.start(request);
    await engine.idle();
    expect((await engine.get('r-1'))?.status).toBe('done');
    expect(tenant.sends).toBe(2);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(SETTLE_MS);
    expect(tenant.objects.get('r-1.s1')).toBe(1);
  });

  it('fails with a problem a person can act on after too many lost answers, having sent nothing blindly', async () => {
    const tenant = new Tenant();
    tenant.plan = Array.from({ length: MAX_UNKNOWN_OUTCOMES + 1 }, () => 'lost' as const);
    const { engine } = engineOn(createMemoryStorage(), tenant);
    await engine.start(request);
    await engine.idle();
    const run = await engine.get('r-1');
    expect(run?.status).toBe('failed');
    expect(run?.steps[0]?.problem?.title).toBe('The service keeps not answering');
    expect(tenant.sends).toBe(MAX_UNKNOWN_OUTCOMES + 1);
  });

  it('after a crash with the write in flight, the next process waits for it to settle and finds what it made', async () => {
    const storage = createMemoryStorage();
    const tenant = new Tenant();
    tenant.plan = ['hang'];
    const first = engineOn(storage, tenant);
    await first.engine.start(request);
    for (let turn = 0; turn < 50 && tenant.sends === 0; turn += 1)
      await new Promise((resolve) => setImmediate(resolve));
    expect(tenant.sends).toBe(1);
    const stored = await first.engine.get('r-1');
    expect(stored?.steps[0]).toMatchObject({ state: 'running', pendingWrite: { ref: 'r-1.s1', unknownOutcomes: 0 } });

    // The service carries out the request the dead process sent.
    tenant.objects.set('r-1.s1', 1);
    const restartedClock = new FakeClock(first.clock.now().getTime() + 1_000);
    const second = engineOn(storage, tenant, restartedClock);
    expect(await second.engine.resumeAll()).toBe(1);
    await second.engine.idle();
    const run = await second.engine.get('r-1');
    expect(run?.status).toBe('done');
    expect(tenant.sends).toBe(1);
    expect(restartedClock.sleeps).toEqual([SETTLE_MS - 1_000]);
  });

  it('a write the service answered 503 is read back after the short window, not the full one, then sent once more', async () => {
    const tenant = new Tenant();
    tenant.plan = ['503', 'ok'];
    const { engine, sentAt } = engineOn(createMemoryStorage(), tenant);
    await engine.start(request);
    await engine.idle();
    expect((await engine.get('r-1'))?.status).toBe('done');
    expect(tenant.sends).toBe(2);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(AFTER_ANSWER_MS);
    expect(tenant.objects.get('r-1.s1')).toBe(1);
  });

  it("a 503 with Retry-After is read back after the service's own Retry-After", async () => {
    const tenant = new Tenant();
    tenant.plan = ['503-retry-2s', 'ok'];
    const { engine, sentAt } = engineOn(createMemoryStorage(), tenant);
    await engine.start(request);
    await engine.idle();
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(2_000);
  });

  it('a write with no answer at all keeps the full window, even after an earlier answered attempt', async () => {
    const tenant = new Tenant();
    tenant.plan = ['503', 'lost', 'ok'];
    const { engine, sentAt } = engineOn(createMemoryStorage(), tenant);
    await engine.start(request);
    await engine.idle();
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(AFTER_ANSWER_MS);
    expect((sentAt[2] ?? 0) - (sentAt[1] ?? 0)).toBeGreaterThanOrEqual(SETTLE_MS);
  });
});
