import { z } from 'zod';
import type { Storage } from '../ports/storage.js';
import { oldestFirst } from '../storage/index-keys.js';
import type { RunListIndex } from './run-list-index.js';
import { approvalIdOfRun, collectionsOfRunSteps, policiesOfRunSteps } from './run-names.js';
import { RUN_STATUSES, type RunRecord } from './run-record.js';

/** Finished runs by when they ended, oldest first: what retention compacts, without reading what it keeps. */
const FINISHED = 'run-finished/';
/** What stays of a compacted run: enough for `run <id>` to say what it was and that it was archived. */
const ARCHIVED = 'run-archived/';
const PAGE = 100;

export const archivedRunSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(RUN_STATUSES),
  createdAt: z.string(),
  endedAt: z.string(),
  archivedAt: z.string(),
  /** What `audit` names the run by once it is compacted (absent on tombstones written before they carried it). */
  requestedBy: z.object({ name: z.string() }).optional(),
  policies: z.array(z.string()).optional(),
  collections: z.array(z.string()).optional(),
  approvalId: z.string().optional(),
});
export type ArchivedRun = z.infer<typeof archivedRunSchema>;

function endedAt(run: RunRecord): string {
  return run.endedAt ?? run.updatedAt;
}

function finishedKey(run: RunRecord): string {
  return FINISHED + oldestFirst(endedAt(run), run.id);
}

/** What compaction needs of the run store. */
export interface ArchivableRuns {
  load(runId: string): Promise<{ run: RunRecord; eTag: string } | undefined>;
  /** Deletes the run only if it is still the version read; false when it was written in between. */
  removeIfUnchanged(runId: string, eTag: string): Promise<boolean>;
  needsWorker(run: RunRecord): boolean;
}

const finishedEntrySchema = z.object({ runId: z.string(), endedAt: z.string() });

/**
 * Retention (RUN_RETENTION, issue 28): a run that ended is entered in an index by its end, oldest first; compaction
 * reads that index from its oldest end and stops at the first run that ended after the cut-off, so it costs what it
 * compacts. A compacted run leaves a small tombstone; its audit entries are in the audit log and stay.
 */
export class RunArchive {
  constructor(
    private readonly storage: Storage,
    private readonly listIndex: RunListIndex,
    private readonly runs: ArchivableRuns,
  ) {}

  /** The run ended: it is entered by its end (again after a retry that ended it anew). */
  async markFinished(run: RunRecord): Promise<void> {
    await this.storage.put(finishedKey(run), { runId: run.id, endedAt: endedAt(run) });
  }

  async archived(runId: string): Promise<ArchivedRun | undefined> {
    const item = await this.storage.get(ARCHIVED + runId);
    const parsed = archivedRunSchema.safeParse(item?.value);
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Compacts runs that ended before `cutoff`, at most `max` of them: tombstone, listing entries, record, then the
   * index entry (so a kill in between repeats the rest next time). A run that needs a worker again, or ended anew
   * after a retry, only loses its stale entry.
   */
  async compact(cutoff: Date, max: number, now: Date): Promise<number> {
    let compacted = 0;
    let continuation: string | undefined;
    do {
      const page = await this.storage.page(FINISHED, { limit: Math.min(PAGE, max), continuation });
      for (const item of page.items) {
        const entry = finishedEntrySchema.safeParse(item.value);
        if (!entry.success) {
          await this.storage.delete(item.key);
          continue;
        }
        if (Date.parse(entry.data.endedAt) >= cutoff.getTime() || compacted >= max) return compacted;
        const loaded = await this.runs.load(entry.data.runId);
        if (loaded && !this.runs.needsWorker(loaded.run) && finishedKey(loaded.run) === item.key) {
          if (!(await this.archive(loaded.run, loaded.eTag, now))) continue;
          compacted += 1;
        }
        await this.storage.delete(item.key);
      }
      continuation = page.continuation;
    } while (continuation !== undefined && compacted < max);
    return compacted;
  }

  private async archive(run: RunRecord, eTag: string, now: Date): Promise<boolean> {
    const tombstone: ArchivedRun = {
      id: run.id,
      title: run.title,
      status: run.status,
      createdAt: run.createdAt,
      endedAt: endedAt(run),
      archivedAt: now.toISOString(),
      requestedBy: { name: run.requestedBy.name },
      policies: policiesOfRunSteps(run),
      collections: collectionsOfRunSteps(run),
      ...(approvalIdOfRun(run) === undefined ? {} : { approvalId: approvalIdOfRun(run) }),
    };
    await this.storage.put(ARCHIVED + run.id, tombstone);
    await this.listIndex.remove(run);
    if (await this.runs.removeIfUnchanged(run.id, eTag)) return true;
    // written in between (a retry): it stays, listed again
    await this.storage.delete(ARCHIVED + run.id);
    const current = await this.runs.load(run.id);
    if (current) await this.listIndex.record(current.run);
    return false;
  }
}
