import { createHash } from 'node:crypto';
import { escapeKey, type KeyEscaping, unescapeKey } from './escaped-key.js';

export const ITEM_SUFFIX = '.json';
export const TEMP_SUFFIX = '.tmp';

const FILE_ESCAPING: KeyEscaping = { literal: /^[a-z0-9_-]$/, mark: '%' };
const LONGEST_PLAIN_NAME = 200;
const VISIBLE_PART_OF_HASHED_NAME = 120;
const HASHED_NAME_MARK = '~';

/**
 * A file name that is safe on every file system, including case-insensitive ones: lowercase letters, digits, `_` and
 * `-` stay, every other UTF-16 code unit becomes `%XX` or `%uXXXX`. Keys whose encoding is too long for a file name
 * keep the first part of it and end with the sha256 of the whole encoding.
 */
export function fileNameOf(key: string): string {
  const encoded = escapeKey(key, FILE_ESCAPING);
  if (encoded.length + ITEM_SUFFIX.length <= LONGEST_PLAIN_NAME) {
    return `${encoded}${ITEM_SUFFIX}`;
  }
  const digest = createHash('sha256').update(encoded).digest('hex');
  return `${encoded.slice(0, VISIBLE_PART_OF_HASHED_NAME)}${HASHED_NAME_MARK}${digest}${ITEM_SUFFIX}`;
}

/** False only when no key starting with the prefix can live in the file; the stored key decides the rest. */
export function mayHoldKeyWithPrefix(fileName: string, prefix: string): boolean {
  if (!fileName.endsWith(ITEM_SUFFIX)) {
    return false;
  }
  const stem = fileName.slice(0, -ITEM_SUFFIX.length);
  const encodedPrefix = escapeKey(prefix, FILE_ESCAPING);
  const mark = stem.indexOf(HASHED_NAME_MARK);
  if (mark === -1) {
    return stem.startsWith(encodedPrefix);
  }
  const visible = stem.slice(0, mark);
  return visible.startsWith(encodedPrefix) || encodedPrefix.startsWith(visible);
}

export function isTempFileName(fileName: string): boolean {
  return fileName.endsWith(TEMP_SUFFIX);
}

/** The key a file name was made from, or undefined for a hashed (long-key) name or a name that is not an item's. */
export function keyOfFileName(fileName: string): string | undefined {
  if (!fileName.endsWith(ITEM_SUFFIX)) return undefined;
  const encoded = fileName.slice(0, -ITEM_SUFFIX.length);
  if (encoded.includes(HASHED_NAME_MARK)) return undefined;
  return unescapeKey(encoded, FILE_ESCAPING);
}
