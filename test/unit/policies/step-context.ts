import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { StepRecord } from '../../../core/runs/run-record.js';
import type { StepContext, StepHandler, StepOutcome, WorldCheck } from '../../../core/runs/step-handler.js';
import { FakeClock } from '../../support/fake-clock.js';

const requester = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };

function record(kind: string, input: Record<string, unknown>): StepRecord {
  return { id: 's3', kind, title: kind, state: 'running', input, attempts: 1 };
}

function context(step: StepRecord): StepContext {
  const clock = new FakeClock();
  const at = clock.now().toISOString();
  return {
    run: {
      id: 'r-1',
      kind: 'policy',
      title: 'policy',
      requestedBy: requester,
      conversationId: 'conv-1',
      createdAt: at,
      updatedAt: at,
      status: 'active',
      resources: [],
      steps: [step],
    },
    actor: requester,
    clock,
    log: silentLogger,
    audit: createMemoryAuditLog(clock),
    write: { ref: `r-1.${step.id}`, beforeSend: async () => undefined },
    startRun: () => Promise.reject(new Error('this step starts no run')),
  };
}

export function check(handler: StepHandler, input: Record<string, unknown>): Promise<WorldCheck> {
  const step = record(handler.kind, input);
  return handler.check(step, context(step));
}

export function perform(handler: StepHandler, input: Record<string, unknown>): Promise<StepOutcome> {
  const step = record(handler.kind, input);
  return handler.perform(step, context(step));
}

/** What the run engine does with one step: check, and perform only when not done yet. */
export async function runStep(handler: StepHandler, input: Record<string, unknown>): Promise<StepOutcome> {
  const world = await check(handler, input);
  return world.done ? { kind: 'done', message: world.message, outcome: world.outcome } : perform(handler, input);
}
