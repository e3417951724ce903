import type { Actor } from '../actor.js';
import type { TenantWrite } from '../ports/tenant-write.js';
import type { RunKernel } from './run-kernel.js';
import type { RunRecord, StepRecord } from './run-record.js';
import { withStep } from './run-transitions.js';
import type { UpstreamOutcomeUnknown } from '../errors/upstream-error.js';
import {
  msUntilSettled,
  settledSoonerAfterAnswer,
  settlingMessage,
  tenantWriteFor,
  unknownOutcomeFields,
  writeRefOf,
} from './unknown-outcome.js';

/** The run engine's side of unknown outcomes (unknown-outcome.ts): record, wait, and hand steps their TenantWrite. */
export class PendingWrites {
  /**
   * `settleMs`: how long after an attempt starts the write may still land (the upstream request timeout);
   * `afterAnswerMs`: how long after a 502/503/504 answer without Retry-After the tenant is read back.
   */
  constructor(
    private readonly kernel: RunKernel,
    private readonly settleMs: number,
    private readonly afterAnswerMs: number,
  ) {}

  /** Each attempt of the step's write is stored on the step before it is sent. */
  writeFor(run: RunRecord, step: StepRecord): TenantWrite {
    return tenantWriteFor(step, writeRefOf(run.id, step.id), this.kernel.clock, this.settleMs, async (pending) => {
      await this.kernel.write(run.id, (current) => withStep(current, step.id, { pendingWrite: pending }));
    });
  }

  /** A write that may still be in flight gets until it settles before the step reads the tenant; false: stopping. */
  async settle(runId: string, step: StepRecord): Promise<boolean> {
    const pending = step.pendingWrite;
    const waitMs = msUntilSettled(step, this.kernel.clock.now());
    if (!pending || waitMs === 0) return true;
    await this.kernel.write(runId, (current) =>
      withStep(current, step.id, { state: 'outcome-unknown', message: settlingMessage(pending) }),
    );
    return this.kernel.pause(waitMs);
  }

  /** The write's answer was lost: the step waits for it to settle, then reads the tenant (or fails after too many). */
  async recordUnknown(runId: string, stepId: string, actor: Actor, lost: UpstreamOutcomeUnknown): Promise<void> {
    const now = this.kernel.clock.now();
    const applied = await this.kernel.write(runId, (latest) => {
      const found = latest.steps.find((candidate) => candidate.id === stepId);
      if (!found) return latest;
      const pendingWrite = settledSoonerAfterAnswer(found.pendingWrite, lost.answer, this.afterAnswerMs, now);
      const step = pendingWrite ? { ...found, pendingWrite } : found;
      return withStep(latest, stepId, unknownOutcomeFields(step, lost.reason));
    });
    const step = applied.steps.find((candidate) => candidate.id === stepId);
    await this.kernel.appendAudit(actor, step?.state === 'failed' ? 'step.failed' : 'step.outcome-unknown', applied, {
      step: step?.kind,
      stepId,
      message: lost.reason,
    });
  }
}
