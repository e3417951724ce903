import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { ETagConflictError, type Storage } from '../../../core/ports/storage.js';
import { ResourceLocks } from '../../../core/runs/resource-locks.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../../../core/storage/conflict-budget.js';

/** A storage whose every conditional write loses a race, for good: what a condition that never holds looks like. */
function alwaysConflicting(): { storage: Storage; puts: () => number } {
  const inner = createMemoryStorage();
  let puts = 0;
  return {
    puts: () => puts,
    storage: {
      ...inner,
      put: (key) => {
        puts += 1;
        return Promise.reject(new ETagConflictError(key));
      },
    },
  };
}

describe('resource locks', () => {
  it('give up with an error after a bounded number of lost races, never spin', async () => {
    const { storage, puts } = alwaysConflicting();
    const locks = new ResourceLocks(storage, () => Promise.resolve(false));
    await expect(locks.acquire(['PS100042'], 'r-1')).rejects.toBeInstanceOf(ConflictBudgetExceededError);
    expect(puts()).toBe(MAX_CONFLICTS_IN_A_ROW);
  });

  it('take a free resource at once and give it back', async () => {
    const storage = createMemoryStorage();
    const locks = new ResourceLocks(storage, () => Promise.resolve(true));
    await locks.acquire(['PS100042'], 'r-1');
    expect(await locks.holder('ps100042')).toBe('r-1');
    await locks.release(['PS100042'], 'r-1');
    expect(await locks.holder('PS100042')).toBeUndefined();
  });
});
