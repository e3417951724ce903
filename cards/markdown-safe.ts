/**
 * Teams renders TextBlock text as markdown and drops what looks like an HTML tag: `assign "<policy>" --to <target>`
 * arrives as `assign "" --to `. Every user-visible string of a rendered card passes through `markdownSafe`, so a
 * placeholder shows as `‹policy›` and text typed by a user cannot open a tag.
 */
export function markdownSafe(text: string): string {
  return text.replace(/<([^<>\n]*)>/g, '‹$1›').replace(/<(?=[A-Za-z/!?])/g, '‹');
}

/** A `<…>` that a Teams client would take for a tag (what `markdownSafe` removes); for tests and checks. */
export const RAW_TAG = /<[A-Za-z/!?][^<>\n]*>?/;

const VISIBLE_KEYS = new Set(['text', 'title', 'placeholder', 'label', 'altText', 'fallbackText']);

/**
 * The card with `markdownSafe` applied to what people read: texts, titles, labels, placeholders and fact values.
 * Action `data` is left alone: it goes back to the bot, not to the reader.
 */
export function withMarkdownSafeText(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMarkdownSafeText);
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const isFact = typeof record.title === 'string' && typeof record.value === 'string' && record.type === undefined;
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      if (key === 'data') return [key, value];
      if (typeof value === 'string' && (VISIBLE_KEYS.has(key) || (isFact && key === 'value')))
        return [key, markdownSafe(value)];
      return [key, withMarkdownSafeText(value)];
    }),
  );
}
