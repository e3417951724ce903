import { z } from 'zod';
import type { Actor } from '../actor.js';
import type { Logger } from '../ports/logger.js';
import { isETagConflict, type Storage } from '../ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../storage/conflict-budget.js';
import { type HeldLease, keepLease } from './held-lease.js';
import type { LeaseStore } from './lease-store.js';

const WAKE_PREFIX = 'wake/';
const wakeSchema = z.object({
  actor: z.object({
    aadObjectId: z.string().optional(),
    channelUserId: z.string(),
    name: z.string(),
    tenantId: z.string().optional(),
  }),
});

/** Work on one run, done by whichever instance owns it. */
export type RunWork = (actor: Actor) => Promise<void>;

/** Which instance moves a run. The run engine asks before it works on a run and while it works on it. */
export interface RunOwnership {
  /**
   * Does `work` here if this instance can own the run now; otherwise leaves a wake-up in storage that the owner picks
   * up before it lets go. `onlyIfUnowned` (the sweep after a crash) leaves no wake-up.
   */
  own(runId: string, actor: Actor, work: RunWork, options?: { readonly onlyIfUnowned?: boolean }): Promise<void>;
  /** False once this instance lost the run's lease: stop before the next step. */
  stillOwns(runId: string): boolean;
  /** Runs with a wake-up nobody picked up (the instance that left it died before it could). */
  pendingWakeUps(): Promise<ReadonlySet<string>>;
}

/** One process owns every run (the file store): work runs at once, as it always did. */
export const singleProcessOwnership: RunOwnership = {
  own: (_runId, actor, work) => work(actor),
  stillOwns: () => true,
  pendingWakeUps: async () => new Set(),
};

/**
 * Runs owned through a lease per run (`run/<id>`), held while the instance works on it, renewed while held and released
 * when the work returns, so a click on any instance reaches the owner through storage, and a run whose owner died is
 * taken over by the next sweep once the lease expires.
 */
export class LeasedRunOwnership implements RunOwnership {
  private readonly held = new Map<string, HeldLease>();

  constructor(
    private readonly storage: Storage,
    private readonly leases: LeaseStore,
    private readonly log: Logger,
  ) {}

  async own(runId: string, actor: Actor, work: RunWork, options: { onlyIfUnowned?: boolean } = {}): Promise<void> {
    if (!options.onlyIfUnowned) await this.storage.put(WAKE_PREFIX + runId, { actor });
    let first = options.onlyIfUnowned === true;
    for (;;) {
      const lease = await this.leases.tryAcquire(`run/${runId}`);
      if (!lease) return;
      const kept = keepLease(this.leases, lease, this.log.child({ runId }));
      this.held.set(runId, kept);
      try {
        for (;;) {
          const woken = first ? actor : await this.takeWake(runId);
          first = false;
          if (woken === undefined || !kept.held) break;
          await work(woken);
        }
      } finally {
        this.held.delete(runId);
        await kept.release();
      }
      if ((await this.storage.get(WAKE_PREFIX + runId)) === undefined) return;
    }
  }

  stillOwns(runId: string): boolean {
    return this.held.get(runId)?.held === true;
  }

  async pendingWakeUps(): Promise<ReadonlySet<string>> {
    return new Set((await this.storage.list(WAKE_PREFIX)).map((item) => item.key.slice(WAKE_PREFIX.length)));
  }

  /** The actor of a pending wake-up, which is then gone; undefined when nobody asked. */
  private async takeWake(runId: string): Promise<Actor | undefined> {
    for (let conflicts = 0; conflicts < MAX_CONFLICTS_IN_A_ROW; conflicts += 1) {
      const item = await this.storage.get(WAKE_PREFIX + runId);
      if (!item) return undefined;
      try {
        await this.storage.delete(WAKE_PREFIX + runId, { ifMatch: item.eTag });
      } catch (error) {
        if (isETagConflict(error)) continue;
        throw error;
      }
      return wakeSchema.safeParse(item.value).data?.actor ?? { channelUserId: 'attachops', name: 'AttachOps' };
    }
    throw new ConflictBudgetExceededError(WAKE_PREFIX + runId);
  }
}
