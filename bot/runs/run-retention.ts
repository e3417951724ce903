import { type Leadership, soleLeader } from '../../core/leases/leadership.js';
import type { Logger } from '../../core/ports/logger.js';
import type { RunEngine } from '../../core/runs/run-engine.js';

/** Runs compacted per batch; batches follow one another until one is not full. */
const BATCH = 200;

export interface RunRetentionOptions {
  readonly runs: RunEngine;
  readonly log: Logger;
  /** RUN_RETENTION: runs that ended longer ago than this are compacted. */
  readonly retentionMs: number;
  /** How often the leader looks (RUN_RETENTION_INTERVAL). */
  readonly intervalMs: number;
  /** Several instances: only the holder of the scheduler lease compacts. */
  readonly leadership?: Leadership;
}

/**
 * Retention in the background: every interval the instance holding the scheduler lease compacts the runs that ended
 * before RUN_RETENTION, batch after batch; with nothing to compact a look costs one storage page.
 */
export function startRunRetention(options: RunRetentionOptions): { stop(): Promise<void> } {
  const log = options.log.child({ component: 'run-retention' });
  const leadership = options.leadership ?? soleLeader;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const once = async (): Promise<void> => {
    if (!(await leadership.lead())) return;
    let total = 0;
    for (let batch = BATCH; batch === BATCH && !stopped;) {
      batch = await options.runs.compact(options.retentionMs, BATCH);
      total += batch;
    }
    if (total > 0) log.info({ compacted: total }, 'runs past RUN_RETENTION compacted; their audit entries stay');
  };
  const timer = setInterval(() => {
    running = running.then(once).catch((error: unknown) => log.warn({ err: error }, 'run retention failed'));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
