import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { channelOfConversation } from '../conversations/teams-channel.js';

const PREFIX = 'welcome/';

/**
 * Teams announces one install twice (installationUpdate `add` and a conversationUpdate adding the bot) and adds
 * members later: the welcome is claimed once per install of the app in a chat or team, with a create-only write, so
 * two instances (or the two announcements at once) never both post it. Removing the app forgets the claim.
 */
export class WelcomeOnce {
  constructor(private readonly storage: Storage) {}

  /** True for exactly one caller per install. */
  async claim(conversationId: string, at: Date): Promise<boolean> {
    try {
      await this.storage.put(this.key(conversationId), { welcomedAt: at.toISOString() }, { ifNoneMatch: '*' });
      return true;
    } catch (error) {
      if (isETagConflict(error)) return false;
      throw error;
    }
  }

  async forget(conversationId: string): Promise<void> {
    await this.storage.delete(this.key(conversationId));
  }

  private key(conversationId: string): string {
    return PREFIX + channelOfConversation(conversationId);
  }
}
