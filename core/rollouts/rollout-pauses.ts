import { z } from 'zod';
import type { Actor } from '../actor.js';
import { actorSchema } from '../actor-schema.js';
import type { Clock } from '../ports/clock.js';
import { isETagConflict, type Storage } from '../ports/storage.js';

const PREFIX = 'rollout-pauses/';

const pauseSchema = z.object({ by: actorSchema, at: z.string() });
export type RolloutPause = z.infer<typeof pauseSchema>;

/**
 * Paused rollouts, one key per run in shared storage, so every instance (and the one that takes a run over) sees the
 * same pause. A paused rollout keeps soaking, but its gate is not evaluated, so no further ring is assigned and none
 * halts, until it is resumed.
 */
export class RolloutPauses {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  async get(runId: string): Promise<RolloutPause | undefined> {
    const item = await this.storage.get(PREFIX + runId);
    if (!item) return undefined;
    const parsed = pauseSchema.safeParse(item.value);
    return parsed.success ? parsed.data : undefined;
  }

  /** Returns false when the rollout was paused already (the first pause stands). */
  async pause(runId: string, by: Actor): Promise<boolean> {
    try {
      await this.storage.put(PREFIX + runId, { by, at: this.clock.now().toISOString() } satisfies RolloutPause, {
        ifNoneMatch: '*',
      });
      return true;
    } catch (error) {
      if (isETagConflict(error)) return false;
      throw error;
    }
  }

  /** Returns false when the rollout was not paused. */
  resume(runId: string): Promise<boolean> {
    return this.storage.delete(PREFIX + runId);
  }
}
