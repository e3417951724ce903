import { z } from 'zod';
import type { Storage } from '../ports/storage.js';
import { isETagConflict } from '../ports/storage.js';
import { ConflictBudgetExceededError, MAX_CONFLICTS_IN_A_ROW } from '../storage/conflict-budget.js';
import type { ComplianceCounts } from './compliance-counts.js';
import type { ComplianceSnapshot } from './compliance-snapshot.js';

const PREFIX = 'compliance/posted/';

const countsSchema = z.object({
  targeted: z.number(),
  compliant: z.number(),
  nonCompliant: z.number(),
  failed: z.number(),
  pending: z.number(),
  enforced: z.number(),
});
const postedSchema = z.object({ counts: countsSchema, at: z.string() });
const policyHistorySchema = z.object({ last: postedSchema, prior: postedSchema.optional() });
const recordSchema = z.object({
  policies: z.record(z.string(), policyHistorySchema),
  /** When the last summary (and the one before it) was posted to this stream. */
  lastPostAt: z.string().optional(),
  priorPostAt: z.string().optional(),
});
type PostedRecord = z.infer<typeof recordSchema>;

/** The numbers a summary showed for a policy in one stream, and when that summary was posted. */
export interface PostedNumbers {
  readonly counts: ComplianceCounts;
  readonly at: Date;
}

/**
 * The stream a summary belongs to: a subscription's scheduled posts, or the `compliance` command in one conversation.
 * Each compares with its own previous post, so a scheduled summary never says "since" the time someone typed a command.
 */
export function summaryStreamKey(conversationId: string, subscriptionId?: string): string {
  return subscriptionId === undefined ? `conversation/${conversationId}` : `subscription/${subscriptionId}`;
}

/**
 * What each summary stream was last shown, per policy, so the next summary can say what changed since the previous
 * post. One record per stream (a map by policy id), so a summary is one write however many policies it lists; it lives
 * in Storage, so it survives restarts.
 */
export class PostedNumbersStore {
  constructor(private readonly storage: Storage) {}

  /**
   * The baseline to compare with. For a new summary it is the last one posted; for another page of the summary
   * just posted (`samePost`) it is the one before that.
   */
  async baseline(streamKey: string, options: { samePost?: boolean } = {}): Promise<ReadonlyMap<string, PostedNumbers>> {
    const record = await this.read(streamKey);
    const baseline = new Map<string, PostedNumbers>();
    for (const [policyId, history] of Object.entries(record?.value.policies ?? {})) {
      const posted = options.samePost ? history.prior : history.last;
      if (posted) baseline.set(policyId, { counts: posted.counts, at: new Date(posted.at) });
    }
    return baseline;
  }

  /** When the previous summary of this stream was posted (for another page of a post: the one before it). */
  async previousPostAt(streamKey: string, options: { samePost?: boolean } = {}): Promise<Date | undefined> {
    const record = await this.read(streamKey);
    const at = options.samePost ? record?.value.priorPostAt : record?.value.lastPostAt;
    return at === undefined ? undefined : new Date(at);
  }

  /** Remembers what was just posted, and when; the previous numbers become the `prior` of each policy. */
  async record(streamKey: string, snapshot: ComplianceSnapshot, postedAt: Date = snapshot.takenAt): Promise<void> {
    const at = postedAt.toISOString();
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(streamKey);
      const policies: PostedRecord['policies'] = { ...(current?.value.policies ?? {}) };
      for (const policy of snapshot.policies) {
        if (!policy.result.ok) continue;
        const previous = policies[policy.policyId]?.last;
        policies[policy.policyId] = {
          last: { counts: { ...policy.result.counts }, at },
          ...(previous ? { prior: previous } : {}),
        };
      }
      try {
        await this.storage.put(
          PREFIX + streamKey,
          {
            policies,
            lastPostAt: at,
            ...(current?.value.lastPostAt ? { priorPostAt: current.value.lastPostAt } : {}),
          } satisfies PostedRecord,
          current ? { ifMatch: current.eTag } : { ifNoneMatch: '*' },
        );
        return;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        // the shared budget: many summaries asked for in one conversation at once settle in a few rounds
        if (attempt >= MAX_CONFLICTS_IN_A_ROW) throw new ConflictBudgetExceededError(PREFIX + streamKey);
      }
    }
  }

  private async read(streamKey: string): Promise<{ value: PostedRecord; eTag: string } | undefined> {
    const item = await this.storage.get(PREFIX + streamKey);
    if (!item) return undefined;
    const parsed = recordSchema.safeParse(item.value);
    return { value: parsed.success ? parsed.data : { policies: {} }, eTag: item.eTag };
  }
}
