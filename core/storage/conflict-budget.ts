/**
 * How many lost compare-and-swap races in a row a read-change-write loop accepts before it gives up. A lost race means
 * another writer got through, so a busy key settles in a few rounds; a storage that reports a conflict for good (a
 * condition that can never hold) ends here with an error instead of a spinning loop.
 */
export const MAX_CONFLICTS_IN_A_ROW = 50;

export class ConflictBudgetExceededError extends Error {
  constructor(readonly key: string) {
    super(`gave up writing "${key}" after ${MAX_CONFLICTS_IN_A_ROW} conflicting writes in a row`);
    this.name = 'ConflictBudgetExceededError';
  }
}
