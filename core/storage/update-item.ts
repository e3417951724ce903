import { isETagConflict, type Storage } from '../ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from './conflict-budget.js';

export type ItemChange<T, R> = (current: T) => { readonly value?: T; readonly result: R };

/**
 * Read, change, compare-and-swap: re-reads and re-applies `change` when someone else wrote in between, so concurrent
 * writers never lose each other's changes. `change` returns no value to leave the item as it is.
 * Resolves to undefined when the item does not exist; gives up after MAX_CONFLICTS_IN_A_ROW lost races.
 */
export async function updateItem<T, R>(
  storage: Storage,
  key: string,
  parse: (value: unknown) => T,
  change: ItemChange<T, R>,
): Promise<{ value: T; result: R } | undefined> {
  for (let conflicts = 0; conflicts < MAX_CONFLICTS_IN_A_ROW; conflicts += 1) {
    const item = await storage.get(key);
    if (!item) return undefined;
    const current = parse(item.value);
    const { value, result } = change(current);
    if (value === undefined) return { value: current, result };
    try {
      await storage.put(key, value, { ifMatch: item.eTag });
      return { value, result };
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }
  throw new ConflictBudgetExceededError(key);
}

/** Every item under a prefix that parses, newest first by `createdAt`. */
export async function listParsed<T extends { readonly createdAt: string }>(
  storage: Storage,
  prefix: string,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
): Promise<T[]> {
  const items = await storage.list(prefix);
  return items
    .map((item) => parse(item.value))
    .filter((parsed): parsed is { success: true; data: T } => parsed.success)
    .map((parsed) => parsed.data)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
