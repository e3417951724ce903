import { z } from 'zod';

/** Long enough for an Azure listing marker; anything longer is not one of ours. */
export const MAX_STORAGE_CONTINUATION_LENGTH = 4_000;
const tokenSchema = z.object({
  v: z.literal(1),
  /** Which list: a short tag (`all`, or the hash of a conversation or a person), never an id. */
  s: z.string().min(1).max(64),
  /** The storage listing's own continuation. */
  c: z.string().min(1).max(MAX_STORAGE_CONTINUATION_LENGTH),
});

/**
 * The opaque token a list card's More button carries (issue 28): where the storage listing left off, and which list
 * it was. It says where to go on, never who may: the verb decides that from the turn, and a token whose list is not
 * the one the clicker may see is refused.
 */
export function listContinuation(listTag: string, storageContinuation: string): string {
  const token = { v: 1, s: listTag, c: storageContinuation };
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

/** The token's list tag and storage continuation; `undefined` for anything that is not one of our tokens. */
export function readListContinuation(token: string): { listTag: string; storage: string } | undefined {
  let decoded: unknown;
  try {
    decoded =
      token.length > MAX_STORAGE_CONTINUATION_LENGTH * 2
        ? undefined
        : JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = tokenSchema.safeParse(decoded);
  return parsed.success ? { listTag: parsed.data.s, storage: parsed.data.c } : undefined;
}
