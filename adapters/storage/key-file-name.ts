import { createHash } from 'node:crypto';

export const ITEM_SUFFIX = '.json';
export const TEMP_SUFFIX = '.tmp';

const LITERAL_CHARACTER = /^[a-z0-9_-]$/;
const LONGEST_PLAIN_NAME = 200;
const VISIBLE_PART_OF_HASHED_NAME = 120;
const HASHED_NAME_MARK = '~';

/**
 * A file name that is safe on every file system, including case-insensitive ones: lowercase letters, digits, `_` and
 * `-` stay, every other UTF-16 code unit becomes `%XX` or `%uXXXX`. Keys whose encoding is too long for a file name
 * keep the first part of it and end with the sha256 of the whole encoding.
 */
export function fileNameOf(key: string): string {
  const encoded = encodeKey(key);
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
  const encodedPrefix = encodeKey(prefix);
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

function encodeKey(key: string): string {
  let encoded = '';
  for (let index = 0; index < key.length; index += 1) {
    const character = key.charAt(index);
    encoded += LITERAL_CHARACTER.test(character) ? character : escapeCodeUnit(key.charCodeAt(index));
  }
  return encoded;
}

function escapeCodeUnit(codeUnit: number): string {
  const hex = codeUnit.toString(16).toUpperCase();
  return codeUnit < 0x100 ? `%${hex.padStart(2, '0')}` : `%u${hex.padStart(4, '0')}`;
}

/** The key a file name was made from, or undefined for a hashed (long-key) name or a name that is not an item's. */
export function keyOfFileName(fileName: string): string | undefined {
  if (!fileName.endsWith(ITEM_SUFFIX)) return undefined;
  const encoded = fileName.slice(0, -ITEM_SUFFIX.length);
  if (encoded.includes(HASHED_NAME_MARK)) return undefined;
  let key = '';
  for (let index = 0; index < encoded.length;) {
    if (encoded.charAt(index) !== '%') {
      key += encoded.charAt(index);
      index += 1;
    } else if (encoded.charAt(index + 1) === 'u') {
      key += String.fromCharCode(Number.parseInt(encoded.slice(index + 2, index + 6), 16));
      index += 6;
    } else {
      key += String.fromCharCode(Number.parseInt(encoded.slice(index + 1, index + 3), 16));
      index += 3;
    }
  }
  return key;
}
