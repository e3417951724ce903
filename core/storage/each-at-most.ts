import pLimit from 'p-limit';

/**
 * Storage writes a one-time scan issues at once (building an index over what an older version stored): enough to
 * hide a round trip's latency, few enough that a shared account is not throttled by one process.
 */
export const SCAN_WRITES_AT_ONCE = 16;

/** Runs `work` for every item, at most `atOnce` at a time (p-limit), and waits for all; the first failure rejects. */
export async function eachAtMost<T>(
  items: readonly T[],
  atOnce: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  const limit = pLimit(atOnce);
  await Promise.all(items.map((item) => limit(() => work(item))));
}
