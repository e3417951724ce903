import { eachAtMost, SCAN_WRITES_AT_ONCE } from '../storage/each-at-most.js';
import type { Storage } from '../ports/storage.js';
import { listParsed, updateItem } from '../storage/update-item.js';
import { ApprovalListIndex, approvalListingSignature } from './approval-list-index.js';
import { approvalRecordSchema, type ApprovalRecord } from './approval-record.js';

const PREFIX = 'approval/';
/** Set once every request stored before the list index existed has been listed in it (approval-list-index.ts). */
const LIST_INDEX_BUILT = 'approval-list-index/v1';
/** How many newer versions a listing follows before it leaves the rest to the updates that wrote them. */
const LISTING_ROUNDS = 5;

export type ApprovalChange<R> = (record: ApprovalRecord) => { readonly record?: ApprovalRecord; readonly result: R };

/** Approval requests in storage; every decision is a compare-and-swap, so concurrent clicks resolve to one outcome. */
export class ApprovalStore {
  readonly listIndex: ApprovalListIndex;
  private listIndexBuilt = false;

  constructor(private readonly storage: Storage) {
    this.listIndex = new ApprovalListIndex(storage);
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const item = await this.storage.get(PREFIX + id);
    return item ? approvalRecordSchema.parse(item.value) : undefined;
  }

  async create(record: ApprovalRecord): Promise<void> {
    await this.storage.put(PREFIX + record.id, record, { ifNoneMatch: '*' });
    await this.listIndex.record(record);
  }

  /** Applies `change` to the latest version; when it returns no record, nothing is written. */
  async update<R>(id: string, change: ApprovalChange<R>): Promise<{ record: ApprovalRecord; result: R } | undefined> {
    let listedBefore = '';
    const updated = await updateItem(
      this.storage,
      PREFIX + id,
      (value) => approvalRecordSchema.parse(value),
      (record) => {
        listedBefore = approvalListingSignature(record);
        const next = change(record);
        return { value: next.record, result: next.result };
      },
    );
    if (updated && approvalListingSignature(updated.value) !== listedBefore) await this.listAsStored(updated.value);
    return updated && { record: updated.value, result: updated.result };
  }

  /**
   * Lists the request, then reads it back: when another update stored a newer version meanwhile (whose listing may have
   * been written before this one), that version is listed again. Whichever listing lands last is then never older than
   * the request, so a decided request cannot stay listed as pending. Rounds are few: each one follows a newer version.
   */
  private async listAsStored(record: ApprovalRecord): Promise<void> {
    let listed = record;
    for (let round = 0; round < LISTING_ROUNDS; round += 1) {
      await this.listIndex.record(listed);
      const stored = await this.get(listed.id);
      if (stored === undefined || approvalListingSignature(stored) === approvalListingSignature(listed)) return;
      listed = stored;
    }
  }

  /** Once per store: the requests of a version without the list index are read one last time and listed. */
  async listOlderRequests(): Promise<void> {
    if (this.listIndexBuilt) return;
    if (!(await this.storage.get(LIST_INDEX_BUILT))) {
      await eachAtMost(await this.list(), SCAN_WRITES_AT_ONCE, (record) => this.listIndex.record(record));
      await this.storage.put(LIST_INDEX_BUILT, { built: true });
    }
    this.listIndexBuilt = true;
  }

  list(): Promise<ApprovalRecord[]> {
    return listParsed(this.storage, PREFIX, (value) => approvalRecordSchema.safeParse(value));
  }
}
