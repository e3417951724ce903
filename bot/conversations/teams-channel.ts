/**
 * Teams names a channel thread `<channel id>;messageid=<id of the thread's first post>`; the channel itself is the part
 * before `;messageid=`, which is also what `channelData.channel.id` carries on activities from that channel.
 */
const THREAD_SUFFIX = ';messageid=';

export function channelOfConversation(conversationId: string): string {
  const at = conversationId.indexOf(THREAD_SUFFIX);
  return at < 0 ? conversationId : conversationId.slice(0, at);
}

/** The id of the post that starts a thread (`…;messageid=123` → `123`); empty when the id names no thread. */
export function threadRootOf(conversationId: string): string {
  const at = conversationId.indexOf(THREAD_SUFFIX);
  return at < 0 ? '' : conversationId.slice(at + THREAD_SUFFIX.length);
}

/** Two conversation ids in the same channel (any threads), or the same chat. */
export function sameChannelOrChat(left: string, right: string): boolean {
  return channelOfConversation(left) === channelOfConversation(right);
}
