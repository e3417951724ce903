import { z } from 'zod';
import type { Storage } from '../../core/ports/storage.js';
import type { InboundActivity } from '../hosts/inbound-activity.js';
import type { StoredReference } from '../hosts/stored-reference.js';

export type { StoredReference } from '../hosts/stored-reference.js';

const PREFIX = 'conversation/';

const referenceSchema = z
  .object({
    serviceUrl: z.string(),
    channelId: z.string(),
    conversation: z.object({ id: z.string() }).loose(),
    bot: z.object({ id: z.string() }).loose().optional(),
    teamsChannelId: z.string().optional(),
  })
  .loose();

const channelDataSchema = z.object({ channel: z.object({ id: z.string().min(1) }).loose() }).loose();

/** Where the bot can post later: saved whenever it is addressed or installed, removed when it is removed. */
export class ConversationReferences {
  private readonly known = new Map<string, string>();

  constructor(private readonly storage: Storage) {}

  async remember(activity: InboundActivity): Promise<void> {
    const conversationId = activity.conversation.id;
    if (!conversationId) return;
    const channel = channelDataSchema.safeParse(activity.channelData);
    const stored = {
      bot: activity.recipient,
      conversation: activity.conversation,
      channelId: activity.channelId,
      ...(typeof activity.locale === 'string' ? { locale: activity.locale } : {}),
      serviceUrl: activity.serviceUrl,
      ...(channel.success ? { teamsChannelId: channel.data.channel.id } : {}),
    };
    const fingerprint = JSON.stringify(stored);
    if (this.known.get(conversationId) === fingerprint) return;
    await this.storage.put(PREFIX + conversationId, stored);
    this.known.set(conversationId, fingerprint);
  }

  async get(conversationId: string): Promise<StoredReference | undefined> {
    const item = await this.storage.get(PREFIX + conversationId);
    if (!item) return undefined;
    const parsed = referenceSchema.safeParse(item.value);
    return parsed.success ? (parsed.data as unknown as StoredReference) : undefined;
  }

  async forget(conversationId: string): Promise<void> {
    this.known.delete(conversationId);
    await this.storage.delete(PREFIX + conversationId);
  }

  async conversationIds(): Promise<string[]> {
    return (await this.storage.list(PREFIX)).map((item) => item.key.slice(PREFIX.length));
  }
}
