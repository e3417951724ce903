import { z } from 'zod';
import type { PageRequest, Storage } from '../ports/storage.js';
import { hashedKeyPart, newestFirst } from '../storage/index-keys.js';
import { APPROVAL_STATUSES, type ApprovalRecord } from './approval-record.js';

/** What the `approvals` listing shows of a request and decides on: small enough to ride in one page of a listing. */
export const approvalListEntrySchema = z.object({
  id: z.string(),
  plan: z.object({ title: z.string() }),
  status: z.enum(APPROVAL_STATUSES),
  requestedBy: z.object({ aadObjectId: z.string().optional(), name: z.string() }),
  approvals: z.array(z.object({ by: z.object({ aadObjectId: z.string().optional() }) })),
  quorum: z.number(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type ApprovalListEntry = z.infer<typeof approvalListEntrySchema>;

/** One page of a list of requests; `continuation` (storage's own) is absent on the last page. */
export interface ApprovalListPage {
  readonly entries: ApprovalListEntry[];
  readonly continuation?: string;
}

const PENDING = 'approval-list/pending/';
const BY_REQUESTER = 'approval-list/by-requester/';
const LONGEST_TEXT = 200;
/** Pending requests are live work, few at a time: one page holds them all (a blob listing returns up to 5,000). */
const PENDING_PAGE = 1_000;

/** What the listing shows changes only with these: a card added to a request leaves its entries as they are. */
export function approvalListingSignature(record: ApprovalRecord): string {
  return `${record.status}|${record.approvals.length}|${record.plan.title}`;
}

function entryOf(record: ApprovalRecord): ApprovalListEntry {
  return {
    id: record.id,
    plan: { title: record.plan.title.slice(0, LONGEST_TEXT) },
    status: record.status,
    requestedBy: { aadObjectId: record.requestedBy.aadObjectId, name: record.requestedBy.name.slice(0, LONGEST_TEXT) },
    approvals: record.approvals.map((approval) => ({ by: { aadObjectId: approval.by.aadObjectId } })),
    quorum: record.quorum,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
  };
}

function requesterPart(aadObjectId: string): string {
  return hashedKeyPart(aadObjectId.trim().toLowerCase());
}

/**
 * Approval requests listed without reading them (issue 28): the pending ones (live work) in one index, and each
 * requester's own newest first in another, both holding what `approvals` shows, so the listing is two pages of two
 * listings whatever the history holds. Rewritten when a request's status, votes or title change.
 */
export class ApprovalListIndex {
  constructor(private readonly storage: Storage) {}

  async record(record: ApprovalRecord): Promise<void> {
    const entry = entryOf(record);
    const position = newestFirst(record.createdAt, record.id);
    const requester = record.requestedBy.aadObjectId;
    await Promise.all([
      record.status === 'pending'
        ? this.storage.put(PENDING + position, entry)
        : this.storage.delete(PENDING + position),
      requester ? this.storage.put(`${BY_REQUESTER}${requesterPart(requester)}/${position}`, entry) : undefined,
    ]);
  }

  async remove(record: Pick<ApprovalRecord, 'id' | 'createdAt' | 'requestedBy'>): Promise<void> {
    const position = newestFirst(record.createdAt, record.id);
    const requester = record.requestedBy.aadObjectId;
    await Promise.all([
      this.storage.delete(PENDING + position),
      requester ? this.storage.delete(`${BY_REQUESTER}${requesterPart(requester)}/${position}`) : undefined,
    ]);
  }

  /** Every pending request, newest first: one page of live work. */
  async pending(): Promise<ApprovalListEntry[]> {
    return this.entries(PENDING, PENDING_PAGE);
  }

  /** The requester's newest requests, one page. */
  async requestedBy(aadObjectId: string | undefined, limit: number): Promise<ApprovalListEntry[]> {
    return (await this.requestedByPage(aadObjectId, { limit })).entries;
  }

  /** One page of the requester's requests, newest first, from where `continuation` (a storage one) left off. */
  async requestedByPage(aadObjectId: string | undefined, request: PageRequest): Promise<ApprovalListPage> {
    if (!aadObjectId) return { entries: [] };
    return this.page(`${BY_REQUESTER}${requesterPart(aadObjectId)}/`, request);
  }

  private async entries(prefix: string, limit: number): Promise<ApprovalListEntry[]> {
    return (await this.page(prefix, { limit })).entries;
  }

  private async page(prefix: string, request: PageRequest): Promise<ApprovalListPage> {
    const page = await this.storage.page(prefix, request);
    const entries = page.items.flatMap((item) => {
      const parsed = approvalListEntrySchema.safeParse(item.value);
      return parsed.success ? [parsed.data] : [];
    });
    return { entries, ...(page.continuation === undefined ? {} : { continuation: page.continuation }) };
  }
}
