import { z } from 'zod';
import type { Storage } from '../ports/storage.js';
import { isETagConflict } from '../ports/storage.js';
import type { ComplianceCounts } from './compliance-counts.js';
import type { ComplianceSnapshot } from './compliance-snapshot.js';

const PREFIX = 'compliance/posted/';
const MAX_WRITE_ATTEMPTS = 5;

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
const recordSchema = z.object({ policies: z.record(z.string(), policyHistorySchema) });
type PostedRecord = z.infer<typeof recordSchema>;

/** The numbers a summary showed for a policy in one conversation, and when the data was read. */
export interface PostedNumbers {
  readonly counts: ComplianceCounts;
  readonly at: Date;
}

/**
 * What each conversation was last shown, per policy, so the next summary can say what changed. One record per
 * conversation (a map by policy id), so a summary to a conversation is one write however many policies it lists.
 */
export class PostedNumbersStore {
  constructor(private readonly storage: Storage) {}

  /**
   * The baseline to compare with. For a new summary it is the last one posted; for another page of the summary
   * just posted (`samePost`) it is the one before that.
   */
  async baseline(
    conversationId: string,
    options: { samePost?: boolean } = {},
  ): Promise<ReadonlyMap<string, PostedNumbers>> {
    const record = await this.read(conversationId);
    const baseline = new Map<string, PostedNumbers>();
    for (const [policyId, history] of Object.entries(record?.value.policies ?? {})) {
      const posted = options.samePost ? history.prior : history.last;
      if (posted) baseline.set(policyId, { counts: posted.counts, at: new Date(posted.at) });
    }
    return baseline;
  }

  /** Remembers what was just posted; the previous numbers become the `prior` of each policy. */
  async record(conversationId: string, snapshot: ComplianceSnapshot): Promise<void> {
    const at = snapshot.takenAt.toISOString();
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(conversationId);
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
          PREFIX + conversationId,
          { policies } satisfies PostedRecord,
          current ? { ifMatch: current.eTag } : { ifNoneMatch: '*' },
        );
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private async read(conversationId: string): Promise<{ value: PostedRecord; eTag: string } | undefined> {
    const item = await this.storage.get(PREFIX + conversationId);
    if (!item) return undefined;
    const parsed = recordSchema.safeParse(item.value);
    return { value: parsed.success ? parsed.data : { policies: {} }, eTag: item.eTag };
  }
}
