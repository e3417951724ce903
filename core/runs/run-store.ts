import { isETagConflict, type Storage } from '../ports/storage.js';
import { runRecordSchema, type RunRecord } from './run-record.js';

const PREFIX = 'run/';

export interface LoadedRun {
  readonly run: RunRecord;
  readonly eTag: string;
}

/** Runs in storage; every write is a compare-and-swap on the version that was read. */
export class RunStore {
  constructor(private readonly storage: Storage) {}

  async load(runId: string): Promise<LoadedRun | undefined> {
    const item = await this.storage.get(PREFIX + runId);
    if (!item) return undefined;
    return { run: runRecordSchema.parse(item.value), eTag: item.eTag };
  }

  async create(run: RunRecord): Promise<string> {
    return this.storage.put(PREFIX + run.id, run, { ifNoneMatch: '*' });
  }

  async save(run: RunRecord, eTag: string): Promise<string> {
    return this.storage.put(PREFIX + run.id, run, { ifMatch: eTag });
  }

  /** Reads, changes and writes a run, re-reading when someone else wrote in between. */
  async update(runId: string, change: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    for (;;) {
      const loaded = await this.load(runId);
      if (!loaded) throw new Error(`run ${runId} does not exist`);
      const next = change(loaded.run);
      try {
        await this.save(next, loaded.eTag);
        return next;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
  }

  async list(): Promise<RunRecord[]> {
    const items = await this.storage.list(PREFIX);
    return items
      .map((item) => runRecordSchema.safeParse(item.value))
      .filter((parsed) => parsed.success)
      .map((parsed) => parsed.data)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
