import type { Actor } from '../actor.js';
import type { PendingWrites } from './pending-writes.js';
import type { RunKernel } from './run-kernel.js';
import type { RunRecord, StepRecord } from './run-record.js';
import type { RunRequest } from './run-request.js';
import type { StepContext, StepHandler } from './step-handler.js';

/** The registered step kinds, and the context each step is handed when it runs or is checked. */
export class StepKinds {
  private readonly handlers: ReadonlyMap<string, StepHandler>;

  constructor(
    handlers: readonly StepHandler[],
    private readonly kernel: RunKernel,
    private readonly pendingWrites: PendingWrites,
    private readonly startRun: (request: RunRequest) => Promise<RunRecord>,
  ) {
    this.handlers = new Map(handlers.map((handler) => [handler.kind, handler]));
  }

  get(kind: string): StepHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no handler for step kind ${kind}`);
    return handler;
  }

  context(run: RunRecord, actor: Actor, step: StepRecord, justification?: string): StepContext {
    return {
      run,
      actor,
      clock: this.kernel.clock,
      log: this.kernel.log.child({ runId: run.id, step: step.kind }),
      audit: this.kernel.audit,
      write: { ...this.pendingWrites.writeFor(run, step), ...(justification === undefined ? {} : { justification }) },
      startRun: this.startRun,
    };
  }
}
