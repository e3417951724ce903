import { z } from 'zod';
import { hashedKeyPart } from '../storage/index-keys.js';
import { UserFacingError } from '../user-facing-error.js';

/** Which list a continuation goes on with: every run, or the runs of one conversation (by its hash, never its id). */
export type RunListScope = { readonly all: true } | { readonly conversationId: string };

/** Long enough for an Azure listing marker; anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 4_000;
const tokenSchema = z.object({
  v: z.literal(1),
  /** `all`, or the hash of the conversation whose runs were listed. */
  s: z.string().min(1).max(64),
  /** The storage listing's own continuation. */
  c: z.string().min(1).max(MAX_TOKEN_LENGTH),
});

function scopeTag(scope: RunListScope): string {
  return 'all' in scope ? 'all' : hashedKeyPart(scope.conversationId);
}

/**
 * The opaque token a runs card's More button carries (issue 28): where the storage listing left off, and which list it
 * was. It decides where to go on, never who may: the verb lists the clicker's own conversation (or every run, with
 * the role `runs --all` needs), and a token from another list is refused.
 */
export function runListContinuation(scope: RunListScope, storageContinuation: string): string {
  const token = { v: 1, s: scopeTag(scope), c: storageContinuation };
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

/** Whether the token continues every run's list (else the conversation's); throws a named error for anything else. */
export function listsEveryRun(token: string): boolean {
  return readToken(token).s === 'all';
}

/** The storage continuation a token holds, once it is checked to continue the given list. */
export function storageContinuationOf(token: string, scope: RunListScope): string {
  const parsed = readToken(token);
  if (parsed.s !== scopeTag(scope)) {
    throw new UserFacingError(
      'That More button belongs to another list',
      'It was made for the runs of another conversation, so it cannot go on with this one.',
      'Type runs here to list this conversation’s runs.',
    );
  }
  return parsed.c;
}

function readToken(token: string): z.infer<typeof tokenSchema> {
  let decoded: unknown;
  try {
    decoded =
      token.length > MAX_TOKEN_LENGTH * 2 ? undefined : JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = tokenSchema.safeParse(decoded);
  if (!parsed.success) throw unreadableContinuation();
  return parsed.data;
}

export function unreadableContinuation(): UserFacingError {
  return new UserFacingError(
    'That More button no longer works',
    'The place it marks in the list of runs could not be read.',
    'Type runs (or runs --all) to list the newest runs again.',
  );
}
