import { hashedKeyPart } from '../storage/index-keys.js';
import { listContinuation, readListContinuation } from '../storage/list-continuation.js';
import { UserFacingError } from '../user-facing-error.js';

/** Which list a continuation goes on with: every run, or the runs of one conversation (by its hash, never its id). */
export type RunListScope = { readonly all: true } | { readonly conversationId: string };

function scopeTag(scope: RunListScope): string {
  return 'all' in scope ? 'all' : hashedKeyPart(scope.conversationId);
}

/**
 * The opaque token a runs card's More button carries (issue 28): where the storage listing left off, and which list it
 * was. It decides where to go on, never who may: the verb lists the clicker's own conversation (or every run, with
 * the role `runs --all` needs), and a token from another list is refused.
 */
export function runListContinuation(scope: RunListScope, storageContinuation: string): string {
  return listContinuation(scopeTag(scope), storageContinuation);
}

/** Whether the token continues every run's list (else the conversation's); throws a named error for anything else. */
export function listsEveryRun(token: string): boolean {
  return readToken(token).listTag === 'all';
}

/** The storage continuation a token holds, once it is checked to continue the given list. */
export function storageContinuationOf(token: string, scope: RunListScope): string {
  const parsed = readToken(token);
  if (parsed.listTag !== scopeTag(scope)) {
    throw new UserFacingError(
      'That More button belongs to another list',
      'It was made for the runs of another conversation, so it cannot go on with this one.',
      'Type runs here to list this conversation’s runs.',
    );
  }
  return parsed.storage;
}

function readToken(token: string): { listTag: string; storage: string } {
  const parsed = readListContinuation(token);
  if (parsed === undefined) throw unreadableContinuation();
  return parsed;
}

export function unreadableContinuation(): UserFacingError {
  return new UserFacingError(
    'That More button no longer works',
    'The place it marks in the list of runs could not be read.',
    'Type runs (or runs --all) to list the newest runs again.',
  );
}
