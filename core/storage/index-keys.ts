import { createHash } from 'node:crypto';

const LATEST_MS = 9_999_999_999_999;

/**
 * An index key part that lists newest first: the time inverted, 13 digits, then the id. Digits, letters, `-` and `_`
 * only, so storage pages list it in key order (core/ports/storage.ts, `compareListingKeys`).
 */
export function newestFirst(isoTime: string, id: string): string {
  const ms = Math.min(Math.max(Date.parse(isoTime) || 0, 0), LATEST_MS);
  return `${String(LATEST_MS - ms).padStart(13, '0')}_${id}`;
}

/** An index key part that lists oldest first: the time, 13 digits, then the id. */
export function oldestFirst(isoTime: string, id: string): string {
  const ms = Math.min(Math.max(Date.parse(isoTime) || 0, 0), LATEST_MS);
  return `${String(ms).padStart(13, '0')}_${id}`;
}

/** A fixed-size key part for a text of any length and characters (a conversation id, an object id). */
export function hashedKeyPart(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
