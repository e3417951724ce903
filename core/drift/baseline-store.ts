import { readPages } from '../storage/read-pages.js';
import type { Storage } from '../ports/storage.js';
import { updateItem } from '../storage/update-item.js';
import { type Baseline, baselineSchema, type Fingerprint } from './baseline.js';

const PREFIX = 'drift/baselines/';
const keyOf = (policyId: string): string => `${PREFIX}${policyId.toLowerCase()}`;

/** The approved state of every watched policy, one item per policy. */
export class BaselineStore {
  constructor(private readonly storage: Storage) {}

  async get(policyId: string): Promise<Baseline | undefined> {
    const item = await this.storage.get(keyOf(policyId));
    return item ? baselineSchema.parse(item.value) : undefined;
  }

  /** Every watched policy; an item that does not parse is skipped (written by a newer version). */
  async list(): Promise<Baseline[]> {
    const items = await readPages(this.storage, PREFIX);
    return items.flatMap((item) => {
      const parsed = baselineSchema.safeParse(item.value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async put(baseline: Baseline): Promise<void> {
    await this.storage.put(keyOf(baseline.policyId), baseline);
  }

  async remove(policyId: string): Promise<boolean> {
    return this.storage.delete(keyOf(policyId));
  }

  /** Remembers what the cheap look saw while the policy matched, unless the baseline changed meanwhile. */
  async rememberFingerprint(policyId: string, recordedAt: string, fingerprint: Fingerprint): Promise<void> {
    await updateItem(
      this.storage,
      keyOf(policyId),
      (value) => baselineSchema.parse(value),
      (current) => ({
        value: current.recordedAt === recordedAt ? { ...current, fingerprint } : undefined,
        result: undefined,
      }),
    );
  }
}
