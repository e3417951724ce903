import { randomBytes } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or retyped from a card. */
export const SHORT_ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Short ids people type back, such as `r-7k2m9q` for a run or `a-7k2m9q` for an approval request. */
export function shortId(prefix: string): string {
  return `${prefix}-${[...randomBytes(6)].map((byte) => SHORT_ID_ALPHABET[byte % SHORT_ID_ALPHABET.length]).join('')}`;
}
