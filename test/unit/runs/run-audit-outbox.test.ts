import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeWorld } from './fake-steps.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };

class ProcessDied extends Error {}

/** Counts the process's writes (storage puts and audit appends) and dies at the chosen one, and for good after it. */
class Mortality {
  private writes = 0;
  dead = false;
  constructor(private readonly dieAtWrite: number) {}
  write(): void {
    if (this.dead) throw new ProcessDied('dead');
    this.writes += 1;
    if (this.writes === this.dieAtWrite) {
      this.dead = true;
      throw new ProcessDied(`died at write ${this.writes}`);
    }
  }
  read(): void {
    if (this.dead) throw new ProcessDied('dead');
  }
}

function mortalStorage(storage: Storage, mortality: Mortality): Storage {
  return {
    get: (key) => (mortality.read(), storage.get(key)),
    put: (key, value, options) => (mortality.write(), storage.put(key, value, options)),
    delete: (key, options) => (mortality.write(), storage.delete(key, options)),
    list: (prefix) => (mortality.read(), storage.list(prefix)),
    keys: (prefix) => (mortality.read(), storage.keys(prefix)),
    page: (prefix, request) => (mortality.read(), storage.page(prefix, request)),
    flush: () => storage.flush(),
  };
}

function mortalAudit(audit: AuditLog, mortality: Mortality): AuditLog {
  return {
    append: (entry) => (mortality.write(), audit.append(entry)),
    read: () => (mortality.read(), audit.read()),
    readNewestFirst: (request) => (mortality.read(), audit.readNewestFirst(request)),
    records: () => (mortality.read(), audit.records()),
    knownHead: () => audit.knownHead(),
  };
}

function engineOn(storage: Storage, audit: AuditLog, world: FakeWorld, clock: FakeClock): RunEngine {
  return new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [world.handler('make')],
    newRunId: () => 'r-1',
  });
}

async function killedAt(write: number) {
  const storage = createMemoryStorage();
  const clock = new FakeClock();
  const audit = createMemoryAuditLog(clock);
  const world = new FakeWorld();
  const mortality = new Mortality(write);
  const first = engineOn(mortalStorage(storage, mortality), mortalAudit(audit, mortality), world, clock);
  const started = await first
    .start({
      kind: 'test',
      title: 'test run',
      requestedBy: alex,
      conversationId: 'conv-1',
      resources: ['collection:PS100042'],
      steps: ['a', 'b'].map((fact) => ({ kind: 'make', title: `make ${fact}`, input: { fact } })),
    })
    .then(
      () => true,
      (error: unknown) => {
        if (!(error instanceof ProcessDied)) throw error;
        return false;
      },
    );
  await first.idle();
  const restarted = engineOn(storage, audit, world, clock);
  await restarted.resumeAll();
  await restarted.idle();
  return { started, died: mortality.dead, run: await restarted.get('r-1'), audit: await audit.read() };
}

describe('the audit entries of a run survive a kill at any write', () => {
  it('a run killed at any storage write or audit append is audited exactly once per transition after the restart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (write) => {
        const { run, audit, died } = await killedAt(write);
        if (!run) {
          // died before the run was stored: nothing happened, nothing is audited
          expect(audit).toEqual([]);
          return;
        }
        expect(run.status).toBe('done');
        expect(run.auditOutbox ?? []).toEqual([]);
        const actions = audit.map((entry) => entry.action);
        expect(actions, `killed at write ${write} (died: ${died})`).toEqual([
          'run.started',
          'step.done',
          'step.done',
          'run.done',
        ]);
        expect(new Set(audit.map((entry) => entry.correlationId)).size).toBe(audit.length);
      }),
      { numRuns: 40 },
    );
  });

  it('kills at every write of the run in turn, and the last write is within range', async () => {
    const survivors: number[] = [];
    for (let write = 1; write <= 40; write += 1) {
      const { died } = await killedAt(write);
      if (!died) survivors.push(write);
    }
    // the whole run takes fewer than 40 writes, so the late kill points never fire: the range covers every write
    expect(survivors.length).toBeGreaterThan(0);
  });
});
