import type { Storage } from '../ports/storage.js';
import { listParsed, updateItem } from '../storage/update-item.js';
import { approvalRecordSchema, type ApprovalRecord } from './approval-record.js';

const PREFIX = 'approval/';

export type ApprovalChange<R> = (record: ApprovalRecord) => { readonly record?: ApprovalRecord; readonly result: R };

/** Approval requests in storage; every decision is a compare-and-swap, so concurrent clicks resolve to one outcome. */
export class ApprovalStore {
  constructor(private readonly storage: Storage) {}

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const item = await this.storage.get(PREFIX + id);
    return item ? approvalRecordSchema.parse(item.value) : undefined;
  }

  async create(record: ApprovalRecord): Promise<void> {
    await this.storage.put(PREFIX + record.id, record, { ifNoneMatch: '*' });
  }

  /** Applies `change` to the latest version; when it returns no record, nothing is written. */
  async update<R>(id: string, change: ApprovalChange<R>): Promise<{ record: ApprovalRecord; result: R } | undefined> {
    const updated = await updateItem(
      this.storage,
      PREFIX + id,
      (value) => approvalRecordSchema.parse(value),
      (record) => {
        const next = change(record);
        return { value: next.record, result: next.result };
      },
    );
    return updated && { record: updated.value, result: updated.result };
  }

  list(): Promise<ApprovalRecord[]> {
    return listParsed(this.storage, PREFIX, (value) => approvalRecordSchema.safeParse(value));
  }
}
