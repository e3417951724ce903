/**
 * The reversible, prefix-keeping key encoding the file and blob stores share: characters `literal` accepts stay, every
 * other UTF-16 code unit becomes `<mark>XX` or `<mark>uXXXX` (upper-case hex). Each store picks its own alphabet and mark
 * (key-file-name.ts, blob/blob-name.ts).
 */
export interface KeyEscaping {
  readonly literal: RegExp;
  readonly mark: string;
}

export function escapeKey(key: string, escaping: KeyEscaping): string {
  let encoded = '';
  for (let index = 0; index < key.length; index += 1) {
    const character = key.charAt(index);
    encoded += escaping.literal.test(character) ? character : escapeCodeUnit(key.charCodeAt(index), escaping.mark);
  }
  return encoded;
}

/** The key `escapeKey` made `encoded` from. */
export function unescapeKey(encoded: string, escaping: KeyEscaping): string {
  let key = '';
  for (let index = 0; index < encoded.length;) {
    if (encoded.charAt(index) !== escaping.mark) {
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

function escapeCodeUnit(codeUnit: number, mark: string): string {
  const hex = codeUnit.toString(16).toUpperCase();
  return codeUnit < 0x100 ? `${mark}${hex.padStart(2, '0')}` : `${mark}u${hex.padStart(4, '0')}`;
}
