export interface KeyedLock {
  /** Runs the task once every earlier task for the same key has settled; tasks for other keys run freely. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Settles once every task started so far has settled. */
  idle(): Promise<void>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail: Promise<void> = result.then(
        () => forget(key, tail),
        () => forget(key, tail),
      );
      tails.set(key, tail);
      return result;
    },
    async idle() {
      await Promise.all([...tails.values()]);
    },
  };

  function forget(key: string, tail: Promise<void>): void {
    if (tails.get(key) === tail) {
      tails.delete(key);
    }
  }
}
