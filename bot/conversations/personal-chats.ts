import { z } from 'zod';
import { normalizeObjectId } from '../../core/identity/object-id.js';
import type { Storage } from '../../core/ports/storage.js';
import type { Actor } from '../../core/actor.js';
import type { ConversationInfo } from './conversation-info.js';

const PREFIX = 'personal-chat/';
const chatSchema = z.object({ conversationId: z.string().min(1) });

/**
 * Each person's personal chat with the bot, by Azure AD object id, remembered when they write to the bot there: where
 * a confirmation meant for them alone goes (its conversation reference is in ConversationReferences).
 */
export class PersonalChats {
  private readonly known = new Map<string, string>();

  constructor(private readonly storage: Storage) {}

  async remember(actor: Actor, conversation: ConversationInfo): Promise<void> {
    const aadObjectId = normalizeObjectId(actor.aadObjectId);
    if (!aadObjectId || conversation.type !== 'personal') return;
    if (this.known.get(aadObjectId) === conversation.id) return;
    await this.storage.put(PREFIX + aadObjectId, { conversationId: conversation.id });
    this.known.set(aadObjectId, conversation.id);
  }

  async of(aadObjectId: string | undefined): Promise<string | undefined> {
    const id = normalizeObjectId(aadObjectId);
    if (!id) return undefined;
    const item = await this.storage.get(PREFIX + id);
    return item ? chatSchema.safeParse(item.value).data?.conversationId : undefined;
  }
}
