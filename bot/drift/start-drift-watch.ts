import { newEpisodeId } from '../../core/drift/drift-services.js';
import { BaselineStore } from '../../core/drift/baseline-store.js';
import { DriftEpisodes } from '../../core/drift/drift-episodes.js';
import { type DriftNotifier, DriftWatch, type DriftWatchReport } from '../../core/drift/drift-watch.js';
import { DriftWatcher } from '../../core/drift/drift-watcher.js';
import { policiesInFlight } from '../../core/drift/policies-in-flight.js';
import { type Leadership, soleLeader } from '../../core/leases/leadership.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import type { AppServices } from '../app-services.js';

/** When the last cycle ran, for every instance; `drift check` clears it to ask for one now. */
export const DRIFT_LAST_CYCLE_KEY = 'drift/last-cycle';

export interface DriftWatchOptions {
  readonly services: AppServices;
  readonly log: Logger;
  readonly intervalMs: number;
  /** How often the leader's lease is renewed and the interval looked at (SCHEDULER_TICK). */
  readonly tickMs: number;
  readonly notifier: DriftNotifier;
  /** Several instances: only the holder of the scheduler lease watches. */
  readonly leadership?: Leadership;
  /** Before every cycle: baselines a stopped process left unrecorded (BaselineRecorder.catchUp). */
  readonly beforeCycle?: () => Promise<unknown>;
}

export interface RunningDriftWatch {
  /** One cycle now, whatever the interval (`drift check`, tests). */
  checkNow(): Promise<DriftWatchReport | undefined>;
  stop(): Promise<void>;
}

async function lastCycleAt(storage: Storage): Promise<number> {
  const item = await storage.get(DRIFT_LAST_CYCLE_KEY);
  const at = (item?.value as { at?: unknown } | undefined)?.at;
  return typeof at === 'string' ? Date.parse(at) : 0;
}

/**
 * The drift watch's schedule: every tick the scheduler lease is renewed (one instance watches), and a cycle runs when
 * DRIFT_INTERVAL has passed since the last one any instance ran (stored, so a new leader does not start over).
 */
export function startDriftWatch(options: DriftWatchOptions): RunningDriftWatch | undefined {
  const { services } = options;
  const reads = services.tenant?.driftReads;
  if (reads === undefined) return undefined;
  const log = options.log.child({ component: 'drift-watch' });
  const watch = new DriftWatch({
    watcher: new DriftWatcher({
      baselines: new BaselineStore(services.storage),
      reads,
      clock: services.clock,
      log,
      inFlight: () => policiesInFlight(services.storage, (runId) => services.runs.get(runId)),
    }),
    reads,
    episodes: new DriftEpisodes(services.storage, newEpisodeId),
    audit: services.audit,
    notifier: options.notifier,
    log,
  });
  const leadership = options.leadership ?? soleLeader;
  let cycles: Promise<unknown> = Promise.resolve();
  let ticking: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const checkNow = (): Promise<DriftWatchReport | undefined> => {
    const cycle = cycles.then(async () => {
      await services.storage.put(DRIFT_LAST_CYCLE_KEY, { at: services.clock.now().toISOString() });
      await options.beforeCycle?.();
      return watch.once();
    });
    cycles = cycle.catch(() => undefined);
    return cycle;
  };
  const due = async (): Promise<boolean> =>
    services.clock.now().getTime() - (await lastCycleAt(services.storage)) >= options.intervalMs;
  const tick = (): void => {
    timer = undefined;
    ticking = leadership
      .lead()
      .then(async (leading) => (leading && (await due()) ? checkNow() : undefined))
      .then((report) => {
        if (report && (report.opened > 0 || report.updated > 0 || report.unreadable.length > 0)) {
          const { watched, readInFull, opened, updated, closed } = report;
          log.info(
            { watched, readInFull, opened, updated, closed, unreadable: report.unreadable.length },
            'drift watch',
          );
        }
      })
      .catch((error: unknown) => log.error({ err: error }, 'drift watch cycle failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.tickMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    checkNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await cycles;
    },
  };
}
