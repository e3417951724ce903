import { eachAtMost, SCAN_WRITES_AT_ONCE } from '../storage/each-at-most.js';
import { isETagConflict, type Storage } from '../ports/storage.js';
import { listParsed, updateItem } from '../storage/update-item.js';
import { RunArchive, type ArchivedRun } from './run-archive.js';
import { listingSignature, RunListIndex, type RunListPage } from './run-list-index.js';
import { isTerminal, runRecordSchema, type RunRecord } from './run-record.js';

/** Not ended, or ended with audit entries still staged: a worker must pick it up. */
export function needsWorker(run: RunRecord): boolean {
  return !isTerminal(run.status) || (run.auditOutbox?.length ?? 0) > 0;
}

/** How many newer versions a listing follows before it leaves the rest to the updates that wrote them. */
const LISTING_ROUNDS = 5;
const PREFIX = 'run/';
/**
 * One small key per run that still needs a worker (not ended, or with audit entries a kill left staged), so the sweep,
 * the resume after a start and the takeover cost what is live, never what is history (issue 28). Written before the
 * run can need it (created, retried), removed only once the run ended and its audit entries are appended; a marker
 * left behind by a kill is removed by the next sweep that finds its run finished.
 */
const LIVE_PREFIX = 'live-run/';
/** Set once every run stored before the live index existed has been indexed. */
const LIVE_INDEX_BUILT = 'live-run-index/v1';
/** Set once every run stored before the list index existed has been listed in it (run-list-index.ts). */
const LIST_INDEX_BUILT = 'run-list-index/v1';
/** A marker whose run does not exist is a kill's leftover only after this long (a creation takes milliseconds). */
const ORPHAN_MARKER_AGE_MS = 10 * 60_000;

function markedAt(value: unknown): number {
  const at = typeof value === 'object' && value !== null ? (value as { at?: unknown }).at : undefined;
  return typeof at === 'string' ? Date.parse(at) : 0;
}

export interface LoadedRun {
  readonly run: RunRecord;
  readonly eTag: string;
}

/** Runs in storage; every write is a compare-and-swap on the version that was read. */
export class RunStore {
  private indexBuilt = false;
  private listIndexBuilt = false;
  readonly listIndex: RunListIndex;
  readonly archive: RunArchive;

  constructor(private readonly storage: Storage) {
    this.listIndex = new RunListIndex(storage);
    this.archive = new RunArchive(storage, this.listIndex, {
      load: (runId) => this.load(runId),
      removeIfUnchanged: async (runId, eTag) => {
        try {
          await this.storage.delete(PREFIX + runId, { ifMatch: eTag });
          return true;
        } catch (error) {
          if (isETagConflict(error)) return false;
          throw error;
        }
      },
      needsWorker,
    });
  }

  async load(runId: string): Promise<LoadedRun | undefined> {
    const item = await this.storage.get(PREFIX + runId);
    if (!item) return undefined;
    return { run: runRecordSchema.parse(item.value), eTag: item.eTag };
  }

  /** A compacted run's tombstone (run-archive.ts). */
  archived(runId: string): Promise<ArchivedRun | undefined> {
    return this.archive.archived(runId);
  }

  async create(run: RunRecord): Promise<string> {
    const eTag = await this.storage.put(PREFIX + run.id, run, { ifNoneMatch: '*' });
    await this.listIndex.record(run);
    return eTag;
  }

  async save(run: RunRecord, eTag: string): Promise<string> {
    return this.storage.put(PREFIX + run.id, run, { ifMatch: eTag });
  }

  /** Reads, changes and writes a run, re-reading when someone else wrote in between. */
  async update(runId: string, change: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    let listedBefore = '';
    const updated = await updateItem(
      this.storage,
      PREFIX + runId,
      (value) => runRecordSchema.parse(value),
      (run) => {
        listedBefore = listingSignature(run);
        return { value: change(run), result: undefined };
      },
    );
    if (!updated) throw new Error(`run ${runId} does not exist`);
    if (listingSignature(updated.value) !== listedBefore) await this.listAsStored(updated.value);
    return updated.value;
  }

  /**
   * Lists the run, then reads it back: when another update stored a newer version meanwhile (whose listing may have
   * been written before this one), that version is listed again, so the listing that lands last is never older than
   * the run. Rounds are few: each one follows a newer version.
   */
  private async listAsStored(run: RunRecord): Promise<void> {
    let listed = run;
    for (let round = 0; round < LISTING_ROUNDS; round += 1) {
      await this.listIndex.record(listed);
      const stored = (await this.load(listed.id))?.run;
      if (stored === undefined || listingSignature(stored) === listingSignature(listed)) return;
      listed = stored;
    }
  }

  /** One page of the runs, newest first (run-list-index.ts): one listing, whatever the history holds. */
  async page(request: { conversationId?: string; limit: number; continuation?: string }): Promise<RunListPage> {
    await this.listOlderRuns();
    return this.listIndex.page(request);
  }

  /**
   * The newest runs of one kind among the newest `withinRuns` runs, read from the list index page by page (one storage
   * listing per page, then one read per run of that kind), so what it costs is bounded whatever the history holds.
   * `looksLike` admits entries indexed before the kind was kept.
   */
  async recentOfKind(kind: string, looksLike: (title: string) => boolean, withinRuns = 5_000): Promise<RunRecord[]> {
    const ids: string[] = [];
    let continuation: string | undefined;
    for (let seen = 0; seen < withinRuns;) {
      const page = await this.page({ limit: Math.min(1_000, withinRuns - seen), continuation });
      seen += page.runs.length;
      for (const entry of page.runs)
        if (entry.kind === undefined ? looksLike(entry.title) : entry.kind === kind) ids.push(entry.id);
      continuation = page.continuation;
      if (continuation === undefined || page.runs.length === 0) break;
    }
    const loaded = await Promise.all(ids.map((id) => this.load(id)));
    return loaded.flatMap((one) => (one?.run.kind === kind ? [one.run] : []));
  }

  /** The run will need a worker: indexed before it is created or retried (a new eTag every time). */
  async markLive(runId: string, now: Date): Promise<void> {
    await this.storage.put(LIVE_PREFIX + runId, { runId, at: now.toISOString() });
  }

  /**
   * Removes the run's marker once it needs no worker. The marker is read before the run and deleted only over that
   * version, so a retry that marks it again in between keeps it; a marker without a run is removed only when it is old
   * enough that the run's creation cannot still be on its way.
   */
  async unmarkIfFinished(runId: string, now: Date): Promise<void> {
    const marker = await this.storage.get(LIVE_PREFIX + runId);
    if (!marker) return;
    const run = (await this.load(runId))?.run;
    if (run ? needsWorker(run) : now.getTime() - markedAt(marker.value) < ORPHAN_MARKER_AGE_MS) return;
    try {
      await this.storage.delete(LIVE_PREFIX + runId, { ifMatch: marker.eTag });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }

  /** The indexed runs that need a worker: one key listing plus one read per live run, whatever the history holds. */
  async liveRuns(now: Date): Promise<RunRecord[]> {
    await this.indexOlderRuns(now);
    const ids = (await this.storage.keys(LIVE_PREFIX)).map((key) => key.slice(LIVE_PREFIX.length));
    const loaded = await Promise.all(ids.map(async (id) => ({ id, run: (await this.load(id))?.run })));
    const live: RunRecord[] = [];
    for (const { id, run } of loaded) {
      if (run && needsWorker(run)) live.push(run);
      else {
        // a kill may have left the listing behind the run's end
        if (run) await Promise.all([this.listIndex.record(run), this.archive.markFinished(run)]);
        await this.unmarkIfFinished(id, now);
      }
    }
    return live;
  }

  /** Once per store: the runs of a version without the index are read one last time and the live ones indexed. */
  private async indexOlderRuns(now: Date): Promise<void> {
    if (this.indexBuilt) return;
    await this.listOlderRuns();
    if (!(await this.storage.get(LIVE_INDEX_BUILT))) {
      const live = (await this.list()).filter(needsWorker);
      await eachAtMost(live, SCAN_WRITES_AT_ONCE, (run) => this.markLive(run.id, now));
      await this.storage.put(LIVE_INDEX_BUILT, { at: now.toISOString() });
    }
    // once built it stays built: later sweeps of this process skip the read
    this.indexBuilt = true;
  }

  /** Once per store: the runs of a version without the list index are read one last time and listed. */
  async listOlderRuns(): Promise<void> {
    if (this.listIndexBuilt) return;
    if (!(await this.storage.get(LIST_INDEX_BUILT))) {
      await eachAtMost(await this.list(), SCAN_WRITES_AT_ONCE, async (run) => {
        await this.listIndex.record(run);
        if (!needsWorker(run)) await this.archive.markFinished(run);
      });
      await this.storage.put(LIST_INDEX_BUILT, { built: true });
    }
    this.listIndexBuilt = true;
  }

  list(): Promise<RunRecord[]> {
    return listParsed(this.storage, PREFIX, (value) => runRecordSchema.safeParse(value));
  }
}
