import type { Actor } from '../actor.js';
import type { Clock } from '../ports/clock.js';
import type { TenantWrite } from '../ports/tenant-write.js';
import type { RunRecord, StepRecord } from './run-record.js';
import { withStep } from './run-transitions.js';
import {
  msUntilSettled,
  settlingMessage,
  tenantWriteFor,
  unknownOutcomeFields,
  writeRefOf,
} from './unknown-outcome.js';

export interface PendingWritesDeps {
  readonly clock: Clock;
  /** How long after an attempt starts the write may still land (the upstream request timeout). */
  readonly settleMs: number;
  readonly stopSignal: Promise<void>;
  readonly isStopping: () => boolean;
  /** The run engine's persisted, observed write of a run. */
  readonly write: (runId: string, change: (run: RunRecord) => RunRecord) => Promise<RunRecord>;
  readonly audit: (actor: Actor, action: string, run: RunRecord, details: Record<string, unknown>) => Promise<void>;
}

/** The run engine's side of unknown outcomes (unknown-outcome.ts): record, wait, and hand steps their TenantWrite. */
export class PendingWrites {
  constructor(private readonly deps: PendingWritesDeps) {}

  /** Each attempt of the step's write is stored on the step before it is sent. */
  writeFor(run: RunRecord, step: StepRecord): TenantWrite {
    return tenantWriteFor(step, writeRefOf(run.id, step.id), this.deps.clock, this.deps.settleMs, async (pending) => {
      await this.deps.write(run.id, (current) => withStep(current, step.id, { pendingWrite: pending }));
    });
  }

  /** A write that may still be in flight gets until it settles before the step reads the tenant; false: stopping. */
  async settle(runId: string, step: StepRecord): Promise<boolean> {
    const pending = step.pendingWrite;
    const waitMs = msUntilSettled(step, this.deps.clock.now());
    if (!pending || waitMs === 0) return true;
    await this.deps.write(runId, (current) =>
      withStep(current, step.id, { state: 'outcome-unknown', message: settlingMessage(pending) }),
    );
    await Promise.race([this.deps.clock.sleep(waitMs), this.deps.stopSignal]);
    return !this.deps.isStopping();
  }

  /** The write's answer was lost: the step waits for it to settle, then reads the tenant (or fails after too many). */
  async recordUnknown(runId: string, stepId: string, actor: Actor, reason: string): Promise<void> {
    const applied = await this.deps.write(runId, (latest) => {
      const step = latest.steps.find((candidate) => candidate.id === stepId);
      return step ? withStep(latest, stepId, unknownOutcomeFields(step, reason)) : latest;
    });
    const step = applied.steps.find((candidate) => candidate.id === stepId);
    await this.deps.audit(actor, step?.state === 'failed' ? 'step.failed' : 'step.outcome-unknown', applied, {
      step: step?.kind,
      stepId,
      message: reason,
    });
  }
}
