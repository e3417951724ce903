import type { InboundActivity } from '../hosts/inbound-activity.js';

const AT_TAG = /<at[^>]*>.*?<\/at>/gi;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The command a user typed, without the bot's @mention (channels and group chats) or Teams' HTML. */
export function commandText(activity: InboundActivity): string {
  const withoutMention = withoutRecipientMention(activity);
  return withoutMention
    .replace(AT_TAG, ' ')
    .replace(HTML_TAG, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text without the bot's mention, as the SDKs' `removeRecipientMention` does it: the first `mention` entity that
 * names the recipient has its text taken out of the message once.
 */
function withoutRecipientMention(activity: InboundActivity): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  const mention = entities.find((entity) => {
    const candidate = entity as { type?: unknown; mentioned?: { id?: unknown } } | null;
    return String(candidate?.type).toLowerCase() === 'mention' && candidate?.mentioned?.id === activity.recipient.id;
  }) as { text?: unknown } | undefined;
  return typeof mention?.text === 'string' && mention.text !== '' ? text.replace(mention.text, '').trim() : text;
}
