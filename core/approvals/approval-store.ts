import { isETagConflict, type Storage } from '../ports/storage.js';
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
    for (;;) {
      const item = await this.storage.get(PREFIX + id);
      if (!item) return undefined;
      const current = approvalRecordSchema.parse(item.value);
      const { record, result } = change(current);
      if (!record) return { record: current, result };
      try {
        await this.storage.put(PREFIX + id, record, { ifMatch: item.eTag });
        return { record, result };
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
  }

  async list(): Promise<ApprovalRecord[]> {
    const items = await this.storage.list(PREFIX);
    return items
      .map((item) => approvalRecordSchema.safeParse(item.value))
      .filter((parsed) => parsed.success)
      .map((parsed) => parsed.data)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
