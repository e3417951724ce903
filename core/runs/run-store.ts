import type { Storage } from '../ports/storage.js';
import { listParsed, updateItem } from '../storage/update-item.js';
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
    const updated = await updateItem(
      this.storage,
      PREFIX + runId,
      (value) => runRecordSchema.parse(value),
      (run) => ({ value: change(run), result: undefined }),
    );
    if (!updated) throw new Error(`run ${runId} does not exist`);
    return updated.value;
  }

  list(): Promise<RunRecord[]> {
    return listParsed(this.storage, PREFIX, (value) => runRecordSchema.safeParse(value));
  }
}
