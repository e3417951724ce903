import { z } from 'zod';
import type { Actor } from '../../core/actor.js';
import { normalizeObjectId } from '../../core/identity/object-id.js';
import type { Storage } from '../../core/ports/storage.js';
import { readPages } from '../../core/storage/read-pages.js';

const PREFIX = 'user/';
const userSchema = z.object({ aadObjectId: z.string(), channelUserId: z.string(), name: z.string() });
export type KnownUser = z.infer<typeof userSchema>;

/**
 * People the directory knows who have talked to the bot, so approval cards can be refreshed for them by channel id.
 * Only callers from the home tenant whose directory look-up succeeded are remembered (the bot decides that before
 * calling `remember`); entries that are not object ids are skipped on reading, so nothing stored here can make a
 * later request fail.
 */
export class KnownUsers {
  private readonly seen = new Map<string, string>();

  constructor(private readonly storage: Storage) {}

  async remember(actor: Actor): Promise<void> {
    const aadObjectId = normalizeObjectId(actor.aadObjectId);
    if (!aadObjectId || !actor.channelUserId) return;
    const user: KnownUser = { aadObjectId, channelUserId: actor.channelUserId, name: actor.name };
    const fingerprint = JSON.stringify(user);
    if (this.seen.get(aadObjectId) === fingerprint) return;
    await this.storage.put(PREFIX + aadObjectId, user);
    this.seen.set(aadObjectId, fingerprint);
  }

  async all(): Promise<KnownUser[]> {
    // page by page: one listing request per thousand people on blob storage, not one download each
    return (await readPages(this.storage, PREFIX)).flatMap((item) => {
      const parsed = userSchema.safeParse(item.value);
      const aadObjectId = parsed.success ? normalizeObjectId(parsed.data.aadObjectId) : undefined;
      return parsed.success && aadObjectId ? [{ ...parsed.data, aadObjectId }] : [];
    });
  }
}
