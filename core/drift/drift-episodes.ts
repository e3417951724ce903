import { z } from 'zod';
import { canonicalJson } from '../audit/canonical-json.js';
import { isETagConflict, type Storage } from '../ports/storage.js';
import type { DriftFinding } from './drift-watcher.js';

const PREFIX = 'drift/episodes/';
const keyOf = (policyId: string): string => `${PREFIX}${policyId.toLowerCase()}`;

export const driftEpisodeSchema = z.object({
  id: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  /** The drift items as last seen (policy-drift.ts), canonical JSON: equal means nothing new to show. */
  items: z.string(),
  /** The baseline's `recordedAt`: a new baseline (accepted, reverted, a later approved run) ends the episode. */
  baselineRecordedAt: z.string(),
});
export type DriftEpisode = z.infer<typeof driftEpisodeSchema>;

/** What a finding means for the one open episode of its policy. */
export type EpisodeChange =
  | { readonly kind: 'opened'; readonly episode: DriftEpisode }
  | { readonly kind: 'updated'; readonly episode: DriftEpisode }
  | { readonly kind: 'unchanged'; readonly episode: DriftEpisode };

/**
 * One drift episode per policy at a time, stored with compare-and-swap: the instance that opens it (if-none-match)
 * is the one that posts its card, so two instances never post two; more changes update the same episode; drift
 * already shown is `unchanged`. An episode ends when the policy matches a baseline again.
 */
export class DriftEpisodes {
  constructor(
    private readonly storage: Storage,
    private readonly newId: () => string,
  ) {}

  async open(): Promise<DriftEpisode[]> {
    const items = await this.storage.list(PREFIX);
    return items.flatMap((item) => {
      const parsed = driftEpisodeSchema.safeParse(item.value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async get(policyId: string): Promise<DriftEpisode | undefined> {
    const item = await this.storage.get(keyOf(policyId));
    return item ? driftEpisodeSchema.parse(item.value) : undefined;
  }

  /** Records a finding; `undefined` when another instance changed the episode at the same moment (it shows it). */
  async record(finding: DriftFinding): Promise<EpisodeChange | undefined> {
    const key = keyOf(finding.baseline.policyId);
    const items = canonicalJson(finding.items);
    const item = await this.storage.get(key);
    const current = item ? driftEpisodeSchema.parse(item.value) : undefined;
    const sameEpisode = current?.baselineRecordedAt === finding.baseline.recordedAt;
    if (current && sameEpisode && current.items === items) return { kind: 'unchanged', episode: current };
    const episode: DriftEpisode =
      current && sameEpisode
        ? { ...current, items, updatedAt: finding.seenAt }
        : {
            id: this.newId(),
            policyId: finding.baseline.policyId,
            policyName: finding.baseline.state.name,
            openedAt: finding.seenAt,
            updatedAt: finding.seenAt,
            items,
            baselineRecordedAt: finding.baseline.recordedAt,
          };
    try {
      await this.storage.put(key, episode, item ? { ifMatch: item.eTag } : { ifNoneMatch: '*' });
    } catch (error) {
      if (isETagConflict(error)) return undefined;
      throw error;
    }
    return { kind: current && sameEpisode ? 'updated' : 'opened', episode };
  }

  /** The policy matches its baseline again (reverted, accepted, or changed back by hand). */
  async close(policyId: string): Promise<boolean> {
    return this.storage.delete(keyOf(policyId));
  }
}
