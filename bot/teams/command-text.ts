import { TurnContext, type Activity } from 'botbuilder';

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
export function commandText(activity: Activity): string {
  const withoutMention = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return withoutMention
    .replace(AT_TAG, ' ')
    .replace(HTML_TAG, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}
