import { z } from 'zod';
import { isETagConflict, type Storage } from '../ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../storage/conflict-budget.js';

const PREFIX = 'lock/';
const lockSchema = z.object({ runId: z.string() });

export class ResourceBusyError extends Error {
  constructor(
    readonly resource: string,
    readonly heldBy: string,
  ) {
    super(`${resource} is in use by run ${heldBy}`);
    this.name = 'ResourceBusyError';
  }
}

/**
 * Which run works on which collection or policy. A lock whose run has ended is stale and can be taken over,
 * so a crash never leaves a resource locked for good.
 */
export class ResourceLocks {
  constructor(
    private readonly storage: Storage,
    private readonly isRunLive: (runId: string) => Promise<boolean>,
  ) {}

  /** Takes every lock or none; throws ResourceBusyError naming the first busy resource. */
  async acquire(resources: readonly string[], runId: string, takeOverFrom?: string): Promise<void> {
    const taken: string[] = [];
    try {
      for (const resource of [...new Set(resources)].sort()) {
        await this.acquireOne(resource, runId, takeOverFrom);
        taken.push(resource);
      }
    } catch (error) {
      await this.release(taken, runId);
      throw error;
    }
  }

  async release(resources: readonly string[], runId: string): Promise<void> {
    for (const resource of resources) {
      const key = PREFIX + resource.toLowerCase();
      const item = await this.storage.get(key);
      if (!item || lockSchema.safeParse(item.value).data?.runId !== runId) continue;
      try {
        await this.storage.delete(key, { ifMatch: item.eTag });
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
  }

  async holder(resource: string): Promise<string | undefined> {
    const item = await this.storage.get(PREFIX + resource.toLowerCase());
    return item ? lockSchema.safeParse(item.value).data?.runId : undefined;
  }

  private async acquireOne(resource: string, runId: string, takeOverFrom: string | undefined): Promise<void> {
    const key = PREFIX + resource.toLowerCase();
    for (let conflicts = 0; conflicts < MAX_CONFLICTS_IN_A_ROW; conflicts += 1) {
      const item = await this.storage.get(key);
      try {
        if (!item) {
          await this.storage.put(key, { runId }, { ifNoneMatch: '*' });
          return;
        }
        const heldBy = lockSchema.safeParse(item.value).data?.runId;
        if (heldBy === runId) return;
        const inherited = heldBy !== undefined && heldBy === takeOverFrom;
        if (heldBy !== undefined && !inherited && (await this.isRunLive(heldBy)))
          throw new ResourceBusyError(resource, heldBy);
        await this.storage.put(key, { runId }, { ifMatch: item.eTag });
        return;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
    throw new ConflictBudgetExceededError(key);
  }
}
