import { z } from 'zod';
import type { WhoChanged } from '../../core/drift/drift-watch.js';
import type { DriftItem } from '../../core/drift/policy-drift.js';
import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { updateItem } from '../../core/storage/update-item.js';
import type { DriftCardInput } from '../../cards/views/drift-view.js';

const PREFIX = 'drift/cards/';
const keyOf = (episodeId: string): string => `${PREFIX}${episodeId}`;

/** A claim whose card never arrived (the claimant died before posting) may be taken over after this long. */
export const STALE_CLAIM_MS = 5 * 60_000;

const statusSchema = z.union([
  z.object({ kind: z.literal('open') }),
  z.object({
    kind: z.enum(['revert-requested', 'accept-requested', 'reverted', 'recreated', 'accepted']),
    by: z.string(),
    at: z.string(),
  }),
]);

const inputSchema = z.object({
  episodeId: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  /** Written by policyDrift (core/drift/policy-drift.ts) and read back as written. */
  items: z.array(z.looseObject({ kind: z.string() })),
  who: z.looseObject({ kind: z.enum(['known', 'not-permitted', 'unknown']) }),
  status: z.unknown(),
  groupNames: z.record(z.string(), z.string()).optional(),
});

const recordSchema = z.object({
  conversationId: z.string(),
  /** Absent while the posting instance has claimed the episode and not yet posted. */
  activityId: z.string().optional(),
  claimedAt: z.string(),
  input: inputSchema,
});

export interface DriftCardRecord {
  readonly conversationId: string;
  readonly activityId?: string;
  readonly claimedAt: string;
  readonly input: DriftCardInput;
}

function parseRecord(value: unknown): DriftCardRecord {
  const parsed = recordSchema.parse(value);
  const status = statusSchema.safeParse(parsed.input.status);
  return {
    ...parsed,
    input: {
      ...parsed.input,
      items: parsed.input.items as unknown as DriftItem[],
      who: parsed.input.who as unknown as WhoChanged,
      status: status.success ? status.data : { kind: 'open' },
    },
  };
}

/**
 * One drift card per episode, keyed by the episode: the instance that claims the key (if-none-match) posts the card,
 * so two instances, or a repeat of a cycle, never post a second one; later changes update the one card in place.
 */
export class DriftCardStore {
  constructor(private readonly storage: Storage) {}

  async get(episodeId: string): Promise<DriftCardRecord | undefined> {
    const item = await this.storage.get(keyOf(episodeId));
    return item ? parseRecord(item.value) : undefined;
  }

  /**
   * Claims the posting of an episode's card. `claimed`: post it, then `posted`. `exists`: another instance posted or
   * is posting it (update the card when it has an activity id).
   */
  async claim(
    record: Omit<DriftCardRecord, 'activityId'>,
    now: Date,
  ): Promise<{ kind: 'claimed' } | { kind: 'exists'; record: DriftCardRecord }> {
    const key = keyOf(record.input.episodeId);
    try {
      await this.storage.put(key, record, { ifNoneMatch: '*' });
      return { kind: 'claimed' };
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
    const item = await this.storage.get(key);
    if (!item) return this.claim(record, now);
    const current = parseRecord(item.value);
    const stale = current.activityId === undefined && now.getTime() - Date.parse(current.claimedAt) > STALE_CLAIM_MS;
    if (!stale) return { kind: 'exists', record: current };
    try {
      await this.storage.put(key, record, { ifMatch: item.eTag });
      return { kind: 'claimed' };
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      return { kind: 'exists', record: current };
    }
  }

  async posted(episodeId: string, activityId: string): Promise<void> {
    await this.change(episodeId, (current) => ({ ...current, activityId }));
  }

  /** Changes what the card shows; the record as changed, or undefined for an episode without a card. */
  async change(
    episodeId: string,
    change: (current: DriftCardRecord) => DriftCardRecord,
  ): Promise<DriftCardRecord | undefined> {
    const updated = await updateItem(this.storage, keyOf(episodeId), parseRecord, (current) => {
      const value = change(current);
      return { value, result: value };
    });
    return updated?.value;
  }
}
