import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { ETagConflictError, type Storage } from '../../../core/ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../../../core/storage/conflict-budget.js';
import { updateItem } from '../../../core/storage/update-item.js';

/** A storage whose compare-and-swap writes never hold: each one is refused as a lost race. */
function neverWinning(storage: Storage): Storage & { readonly refused: () => number } {
  let refused = 0;
  return {
    ...storage,
    async put(key, value, options) {
      if (options?.ifMatch === undefined && options?.ifNoneMatch === undefined) return storage.put(key, value);
      refused += 1;
      throw new ETagConflictError(key);
    },
    refused: () => refused,
  };
}

/** One more click on approval/a-1, through the compare-and-swap loop. */
const click = (storage: Storage) =>
  updateItem(
    storage,
    'approval/a-1',
    (value) => value as { clicks: number },
    (current) => ({ value: { clicks: current.clicks + 1 }, result: true }),
  );

describe('read-change-write loops are bounded', () => {
  it('updateItem gives up with an error after the budget of lost races, instead of spinning', async () => {
    const storage = neverWinning(createMemoryStorage());
    await storage.put('approval/a-1', { clicks: 0 });
    await expect(click(storage)).rejects.toBeInstanceOf(ConflictBudgetExceededError);
    expect(storage.refused()).toBe(MAX_CONFLICTS_IN_A_ROW);
  });

  it('a few lost races in a row still end in the write', async () => {
    const inner = createMemoryStorage();
    await inner.put('approval/a-1', { clicks: 0 });
    let racesLeft = 3;
    const storage: Storage = {
      ...inner,
      async put(key, value, options) {
        if (racesLeft > 0) {
          racesLeft -= 1;
          const current = await inner.get(key);
          await inner.put(key, current?.value);
        }
        return inner.put(key, value, options);
      },
    };
    const outcome = await click(storage);
    expect(outcome?.value).toEqual({ clicks: 1 });
    expect((await inner.get('approval/a-1'))?.value).toEqual({ clicks: 1 });
  });
});
