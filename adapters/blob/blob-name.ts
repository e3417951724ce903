import { createHash } from 'node:crypto';
import { escapeKey, type KeyEscaping, unescapeKey } from '../storage/escaped-key.js';

/** Every item blob lives under this virtual folder, so the container can hold other things beside it. */
export const ITEM_FOLDER = 'kv/';

const BLOB_ESCAPING: KeyEscaping = { literal: /^[A-Za-z0-9_-]$/, mark: '~' };
const HASHED_NAME_MARK = '!';
/** Blob names may be 1024 characters; long keys keep this much of their encoding and end with its sha256. */
const LONGEST_PLAIN_NAME = 900;
const VISIBLE_PART_OF_HASHED_NAME = 600;

/**
 * A blob name for a key. Letters, digits, `_` and `-` stay; every other UTF-16 code unit becomes `~XX` or `~uXXXX`.
 * Not `%`: @azure/storage-blob sends `%` in a blob name unescaped (it treats it as already encoded), and not `/`, `.`
 * or `..`, which URLs treat as path syntax. The encoding keeps prefixes, so a key prefix lists by a blob-name prefix.
 */
export function blobNameOf(key: string): string {
  const encoded = escapeKey(key, BLOB_ESCAPING);
  if (encoded.length <= LONGEST_PLAIN_NAME) return `${ITEM_FOLDER}${encoded}`;
  const digest = createHash('sha256').update(encoded).digest('hex');
  return `${ITEM_FOLDER}${encoded.slice(0, VISIBLE_PART_OF_HASHED_NAME)}${HASHED_NAME_MARK}${digest}`;
}

/** The blob-name prefix under which every key starting with `prefix` lives; the stored key decides the rest. */
export function blobPrefixOf(prefix: string): string {
  return `${ITEM_FOLDER}${escapeKey(prefix, BLOB_ESCAPING).slice(0, VISIBLE_PART_OF_HASHED_NAME)}`;
}

/** The key a blob name was made from, or undefined for a hashed (long-key) name, whose key is only in the blob. */
export function keyOfBlobName(name: string): string | undefined {
  if (!name.startsWith(ITEM_FOLDER)) return undefined;
  const encoded = name.slice(ITEM_FOLDER.length);
  if (encoded.includes(HASHED_NAME_MARK)) return undefined;
  return unescapeKey(encoded, BLOB_ESCAPING);
}
