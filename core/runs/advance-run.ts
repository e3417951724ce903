import type { Actor } from '../actor.js';
import type { RunKernel } from './run-kernel.js';
import { currentStep, isTerminal, type RunRecord } from './run-record.js';
import type { StepExecution } from './step-execution.js';

export type FinishRun = (run: RunRecord, status: 'done' | 'failed' | 'cancelled', actor: Actor) => Promise<RunRecord>;

/**
 * Moves the run as far as it can go without a person or a wait: step after step until the run ends, a step fails, or a
 * step waits for the console admin, an approval or a wait kind (which the engine's resume loop watches). A step waiting
 * for approval is executed once more first (the approval may have been decided while nobody was looking), then waits.
 * Runs under the run's lock.
 */
export async function advanceRun(
  kernel: RunKernel,
  execution: StepExecution,
  finish: FinishRun,
  runId: string,
  actor: Actor,
): Promise<void> {
  const rechecked = new Set<string>();
  for (;;) {
    if (kernel.stopping || !kernel.stillOwns(runId)) return;
    const run = await kernel.load(runId);
    if (!run || isTerminal(run.status)) return;
    const step = currentStep(run);
    if (!step) {
      await finish(run, 'done', actor);
      return;
    }
    if (step.state === 'failed') {
      await finish(run, 'failed', actor);
      return;
    }
    if (
      step.state === 'waiting' ||
      step.state === 'waiting-for-admin' ||
      (step.state === 'waiting-for-approval' && rechecked.has(step.id))
    ) {
      if (run.status !== 'waiting') await kernel.write(runId, (current) => ({ ...current, status: 'waiting' }));
      return;
    }
    if (step.state === 'waiting-for-approval') rechecked.add(step.id);
    await execution.execute(run, step, actor);
  }
}
