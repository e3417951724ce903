import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import type { Actor } from '../../../core/actor.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { RunRecord, StepRecord } from '../../../core/runs/run-record.js';
import type { StepContext, StepHandler } from '../../../core/runs/step-handler.js';
import { FakeClock } from '../../support/fake-clock.js';

export const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
export const megan: Actor = { aadObjectId: 'megan', channelUserId: '29:megan', name: 'Megan Bowen' };

export function stepRecord(kind: string, input: Record<string, unknown>): StepRecord {
  return { id: 's1', kind, title: kind, state: 'running', input, attempts: 1 };
}

/** A context whose run was requested by `requestedBy`; `actor` is whoever moved it this time. */
export function stepContext(step: StepRecord, requestedBy: Actor = alex, actor: Actor = requestedBy): StepContext {
  const clock = new FakeClock();
  const run: RunRecord = {
    id: 'r-1',
    kind: 'test',
    title: 'test',
    requestedBy,
    conversationId: 'conv-1',
    createdAt: clock.now().toISOString(),
    updatedAt: clock.now().toISOString(),
    status: 'active',
    resources: [],
    steps: [step],
  };
  return {
    run,
    actor,
    clock,
    log: silentLogger,
    audit: createMemoryAuditLog(clock),
    write: { ref: `r-1.${step.id}`, beforeSend: async () => undefined },
    startRun: () => Promise.reject(new Error('this step starts no run')),
  };
}

export async function check(handler: StepHandler, input: Record<string, unknown>) {
  const step = stepRecord(handler.kind, input);
  return handler.check(step, stepContext(step));
}

export async function perform(
  handler: StepHandler,
  input: Record<string, unknown>,
  requestedBy: Actor = alex,
  actor: Actor = requestedBy,
) {
  const step = stepRecord(handler.kind, input);
  return handler.perform(step, stepContext(step, requestedBy, actor));
}
