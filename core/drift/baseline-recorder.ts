import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { PolicyDriftReads, RawPolicyState } from '../ports/policy-drift-reads.js';
import { POLICY_STEP_KINDS } from '../policies/policy-step-kinds.js';
import { BackgroundTasks } from '../runs/background-tasks.js';
import type { RunObserver } from '../runs/run-request.js';
import type { Storage } from '../ports/storage.js';
import { isTerminal, type RunRecord } from '../runs/run-record.js';
import type { Baseline } from './baseline.js';
import { fingerprintOf } from './baseline.js';
import type { BaselineStore } from './baseline-store.js';
import { normalisePolicy } from './normalise-policy.js';

/** The policies a finished run created or changed: a create step's outcome, an assign step's input. */
export function policiesChangedBy(run: RunRecord): string[] {
  const ids = new Set<string>();
  for (const step of run.steps) {
    if (step.state !== 'done') continue;
    if (step.kind === POLICY_STEP_KINDS.create) {
      const outcome = step.outcome as { policyId?: unknown } | undefined;
      if (typeof outcome?.policyId === 'string') ids.add(outcome.policyId.toLowerCase());
    }
    if (step.kind === POLICY_STEP_KINDS.assign && typeof step.input.policyId === 'string') {
      ids.add(step.input.policyId.toLowerCase());
    }
  }
  return [...ids];
}

function approvalOf(run: RunRecord): string | undefined {
  const approvalId = run.steps.find((step) => typeof step.input.approvalId === 'string')?.input.approvalId;
  return typeof approvalId === 'string' ? approvalId : undefined;
}

/** Runs whose baseline is still to record: written once a policy step has started, removed once it is recorded. */
const PENDING_PREFIX = 'drift/pending-baselines/';
const POLICY_KINDS: ReadonlySet<string> = new Set([POLICY_STEP_KINDS.create, POLICY_STEP_KINDS.assign]);

function startedPolicyStep(run: RunRecord): boolean {
  return run.steps.some((step) => POLICY_KINDS.has(step.kind) && step.state !== 'pending' && step.state !== 'skipped');
}

/** A baseline from a policy as read now: its normalised state and the look that goes with it. */
export function baselineFrom(
  policyId: string,
  state: RawPolicyState,
  recordedAt: string,
  source: { readonly runId?: string; readonly approvalId?: string },
): Baseline {
  const body = (typeof state.policy === 'object' && state.policy !== null ? state.policy : {}) as Record<
    string,
    unknown
  >;
  const settings = Array.isArray(body.settings) ? body.settings : [];
  return {
    policyId: policyId.toLowerCase(),
    state: normalisePolicy(state.policy, state.assignments),
    ...source,
    recordedAt,
    approved: { policy: state.policy, assignments: [...state.assignments] },
    fingerprint: fingerprintOf({
      lastModifiedDateTime: typeof body.lastModifiedDateTime === 'string' ? body.lastModifiedDateTime : '',
      settingCount: typeof body.settingCount === 'number' ? body.settingCount : settings.length,
      assignments: state.assignments,
    }),
  };
}

/**
 * When a run that created or changed a policy ends done, the policy as it then stands (settings and assignments,
 * normalised) becomes its baseline, with the run and the approval it came from. AttachOps' own approved writes so
 * move the baseline, and are never drift. Recorded once per run, whichever instance sees the run end.
 */
export class BaselineRecorder implements RunObserver {
  private readonly tasks: BackgroundTasks;

  constructor(
    private readonly options: {
      readonly baselines: BaselineStore;
      readonly reads: PolicyDriftReads;
      readonly clock: Clock;
      readonly log: Logger;
      /**
       * With storage and the run store, a baseline missed because the process stopped between a run's end and its
       * recording is caught up (catchUp, at start and before every watch cycle).
       */
      readonly pending?: {
        readonly storage: Storage;
        readonly loadRun: (runId: string) => Promise<RunRecord | undefined>;
      };
    },
  ) {
    this.tasks = new BackgroundTasks(options.log);
  }

  private readonly marked = new Set<string>();

  runChanged(run: RunRecord): void {
    const pending = this.options.pending;
    if (run.status !== 'done') {
      if (pending && !isTerminal(run.status) && !this.marked.has(run.id) && startedPolicyStep(run)) {
        this.marked.add(run.id);
        this.tasks.start(`baseline pending for ${run.id}`, () =>
          pending.storage.put(PENDING_PREFIX + run.id, { runId: run.id }).then(() => undefined),
        );
      }
      if (pending && isTerminal(run.status)) this.tasks.start(`no baseline for ${run.id}`, () => this.unmark(run.id));
      return;
    }
    const policyIds = policiesChangedBy(run);
    if (policyIds.length === 0) return;
    this.tasks.start(`baseline of ${run.id}`, async () => {
      await this.record(run, policyIds);
      await this.unmark(run.id);
    });
  }

  /** Records the baselines a stopped process left unrecorded: runs marked pending that have ended done since. */
  async catchUp(): Promise<number> {
    const pending = this.options.pending;
    if (pending === undefined) return 0;
    let recorded = 0;
    for (const key of await pending.storage.keys(PENDING_PREFIX)) {
      const runId = key.slice(PENDING_PREFIX.length);
      const run = await pending.loadRun(runId);
      if (run !== undefined && !isTerminal(run.status)) continue;
      if (run?.status === 'done') {
        const policyIds = policiesChangedBy(run);
        recorded += await this.record(run, policyIds);
      }
      await this.unmark(runId);
    }
    return recorded;
  }

  private async unmark(runId: string): Promise<void> {
    this.marked.delete(runId);
    await this.options.pending?.storage.delete(PENDING_PREFIX + runId);
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }

  private async record(run: RunRecord, policyIds: readonly string[]): Promise<number> {
    const approvalId = approvalOf(run);
    let recorded = 0;
    for (const policyId of policyIds) {
      const current = await this.options.baselines.get(policyId);
      if (current?.runId === run.id) continue;
      if (current !== undefined && run.endedAt !== undefined && current.recordedAt > run.endedAt) continue;
      const state = await this.options.reads.read(policyId);
      if (state === undefined) continue;
      const recordedAt = this.options.clock.now().toISOString();
      await this.options.baselines.put(
        baselineFrom(policyId, state, recordedAt, { runId: run.id, ...(approvalId ? { approvalId } : {}) }),
      );
      this.options.log.info({ runId: run.id, policyId }, 'drift baseline recorded');
      recorded += 1;
    }
    return recorded;
  }
}
