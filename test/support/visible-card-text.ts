const VISIBLE_KEYS = new Set(['text', 'title', 'value', 'placeholder', 'label', 'altText', 'fallbackText']);

/**
 * The text a person sees on a card without opening anything: texts, titles, labels and fact values outside a Container
 * with `"id": "details"` and `"isVisible": false` (what a "Details" toggle reveals); never action data, which goes back
 * to the bot.
 */
export function visibleCardTexts(node: unknown, hidden = false): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => visibleCardTexts(item, hidden));
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const inDetails = hidden || (record.id === 'details' && record.isVisible === false);
  return Object.entries(record).flatMap(([key, value]) => {
    if (key === 'data' || key === '$schema') return [];
    if (typeof value === 'string') return !inDetails && VISIBLE_KEYS.has(key) ? [value] : [];
    return visibleCardTexts(value, inDetails);
  });
}

export const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
export const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
export const WMI_CLASS = /\bSMS_\w+/;
