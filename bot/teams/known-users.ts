import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Storage } from '../../core/ports/storage.js';

const PREFIX = 'user/';
const userSchema = z.object({ aadObjectId: z.string(), channelUserId: z.string(), name: z.string() });
export type KnownUser = z.infer<typeof userSchema>;

/** People who have talked to the bot, so cards can be refreshed for them by their channel id. */
export class KnownUsers {
  private readonly seen = new Map<string, string>();

  constructor(private readonly storage: Storage) {}

  async remember(activity: Activity): Promise<void> {
    const aadObjectId = activity.from?.aadObjectId;
    if (!aadObjectId || !activity.from.id) return;
    const user: KnownUser = { aadObjectId, channelUserId: activity.from.id, name: activity.from.name ?? '' };
    const fingerprint = JSON.stringify(user);
    if (this.seen.get(aadObjectId) === fingerprint) return;
    await this.storage.put(PREFIX + aadObjectId.toLowerCase(), user);
    this.seen.set(aadObjectId, fingerprint);
  }

  async all(): Promise<KnownUser[]> {
    return (await this.storage.list(PREFIX))
      .map((item) => userSchema.safeParse(item.value))
      .filter((parsed) => parsed.success)
      .map((parsed) => parsed.data);
  }
}
