import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { CommandContext } from '../../../bot/commands/command.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { createWorkflowStepHandlers } from '../../../core/workflow/steps/workflow-steps.js';
import { callerAccess } from '../../support/caller-access.js';
import { FakeClock } from '../../support/fake-clock.js';
import type { FakeWorld } from './fakes.js';
import { alex } from './step-context.js';

/** The real run engine (memory storage, fake clock) over the fake world, and a command context around it. */
export function appHarness(world: FakeWorld) {
  const clock = new FakeClock();
  const storage = createMemoryStorage();
  const audit = createMemoryAuditLog(clock);
  const tenant = world.services();
  let counter = 0;
  const runs = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: createWorkflowStepHandlers(tenant),
    newRunId: () => `r-${++counter}`,
  });
  const services = { storage, audit, clock, runs, tenant };
  const context: CommandContext = {
    actor: alex,
    access: callerAccess(alex),
    conversation: { id: 'conv-1', type: 'personal' },
    correlationId: 'corr-1',
    log: silentLogger,
    services,
    commands: [],
    send: async () => 'activity-1',
    update: async () => undefined,
  };
  return { clock, runs, services, context, audit };
}
