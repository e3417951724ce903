import { z } from 'zod';
import type { Storage } from '../ports/storage.js';
import { hashedKeyPart, newestFirst } from '../storage/index-keys.js';
import { RUN_STATUSES, type RunRecord } from './run-record.js';

/** What a listing of runs shows of each: small enough to ride in one page of a storage listing. */
export const runListEntrySchema = z.object({
  id: z.string(),
  /** The run's kind (its planner); absent in entries indexed before it was kept. */
  kind: z.string().optional(),
  title: z.string(),
  status: z.enum(RUN_STATUSES),
  requestedBy: z.object({ name: z.string() }),
  conversationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RunListEntry = z.infer<typeof runListEntrySchema>;

export interface RunListPage {
  readonly runs: RunListEntry[];
  /** Where the next page starts; absent on the last page. */
  readonly continuation?: string;
}

const ALL = 'run-list/all/';
const BY_CONVERSATION = 'run-list/by-conversation/';
const LONGEST_TITLE = 200;

/** What a listing shows changes only with these: other writes of a run leave its entries as they are. */
export function listingSignature(run: RunRecord): string {
  return `${run.status}|${run.title}`;
}

export function runListEntryOf(run: RunRecord): RunListEntry {
  return {
    id: run.id,
    kind: run.kind,
    title: run.title.slice(0, LONGEST_TITLE),
    status: run.status,
    requestedBy: { name: run.requestedBy.name.slice(0, LONGEST_TITLE) },
    conversationId: run.conversationId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

/**
 * Runs listed newest first without reading them (issue 28): one entry per run under every run and one under its
 * conversation, keyed by the inverted creation time, holding what a listing shows, so `runs` is one page of one
 * listing, whatever the history holds. Rewritten when a run's status or title changes.
 */
export class RunListIndex {
  constructor(private readonly storage: Storage) {}

  async record(run: RunRecord): Promise<void> {
    const entry = runListEntryOf(run);
    await Promise.all(this.keysOf(run).map((key) => this.storage.put(key, entry)));
  }

  async remove(run: Pick<RunRecord, 'id' | 'createdAt' | 'conversationId'>): Promise<void> {
    await Promise.all(this.keysOf(run).map((key) => this.storage.delete(key)));
  }

  /** One page, newest first: every run, or the runs started in one conversation. */
  async page(request: { conversationId?: string; limit: number; continuation?: string }): Promise<RunListPage> {
    const prefix =
      request.conversationId === undefined ? ALL : `${BY_CONVERSATION}${hashedKeyPart(request.conversationId)}/`;
    const page = await this.storage.page(prefix, { limit: request.limit, continuation: request.continuation });
    const runs = page.items.flatMap((item) => {
      const parsed = runListEntrySchema.safeParse(item.value);
      return parsed.success ? [parsed.data] : [];
    });
    return page.continuation === undefined ? { runs } : { runs, continuation: page.continuation };
  }

  private keysOf(run: Pick<RunRecord, 'id' | 'createdAt' | 'conversationId'>): string[] {
    const position = newestFirst(run.createdAt, run.id);
    return [`${ALL}${position}`, `${BY_CONVERSATION}${hashedKeyPart(run.conversationId)}/${position}`];
  }
}
