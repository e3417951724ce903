import type { Actor } from '../actor.js';
import { currentStep, isTerminal, type RunRecord, type StepRecord } from './run-record.js';

/** What the run engine lends to the loop that moves a run on; the loop runs under the run's mutex. */
export interface AdvanceHost {
  isStopping(): boolean;
  stillOwns(runId: string): boolean;
  load(runId: string): Promise<RunRecord | undefined>;
  markWaiting(runId: string): Promise<void>;
  finish(run: RunRecord, status: 'done' | 'failed', actor: Actor): Promise<RunRecord>;
  executeStep(run: RunRecord, step: StepRecord, actor: Actor): Promise<void>;
}

/**
 * Moves the run as far as it can go without a person: step after step until the run ends, a step fails, or a step
 * waits for the console admin, an approval or Intune. A step waiting for approval is executed once more first (the
 * approval may have been decided while nobody was looking), then waits.
 */
export async function advanceRun(host: AdvanceHost, runId: string, actor: Actor): Promise<void> {
  const rechecked = new Set<string>();
  for (;;) {
    if (host.isStopping() || !host.stillOwns(runId)) return;
    const run = await host.load(runId);
    if (!run || isTerminal(run.status)) return;
    const step = currentStep(run);
    if (!step) {
      await host.finish(run, 'done', actor);
      return;
    }
    if (step.state === 'failed') {
      await host.finish(run, 'failed', actor);
      return;
    }
    const waiting = step.state === 'waiting-for-admin' || step.state === 'waiting-for-approval';
    // a step waiting for Intune is polled by resume(), under the run's lease
    if (
      step.state === 'waiting-for-intune' ||
      (waiting && (step.state === 'waiting-for-admin' || rechecked.has(step.id)))
    ) {
      if (run.status !== 'waiting') await host.markWaiting(runId);
      return;
    }
    if (step.state === 'waiting-for-approval') rechecked.add(step.id);
    await host.executeStep(run, step, actor);
  }
}
