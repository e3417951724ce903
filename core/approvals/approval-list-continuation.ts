import { hashedKeyPart } from '../storage/index-keys.js';
import { listContinuation, readListContinuation } from '../storage/list-continuation.js';
import { UserFacingError } from '../user-facing-error.js';

/** The list of one person's own requests, by a hash of their object id (never the id itself). */
function listTagOf(aadObjectId: string): string {
  return `mine-${hashedKeyPart(aadObjectId.trim().toLowerCase())}`;
}

/** The token the More button under "Your requests" carries: where that person's list left off. */
export function myRequestsContinuation(aadObjectId: string, storageContinuation: string): string {
  return listContinuation(listTagOf(aadObjectId), storageContinuation);
}

/**
 * The storage continuation a More token holds, once it is checked to continue the clicker's own list: a button
 * forwarded from someone else's card, or garbled, gets a named card instead of their requests.
 */
export function myRequestsStorageContinuation(token: string, aadObjectId: string | undefined): string {
  const parsed = readListContinuation(token);
  if (parsed === undefined) throw unreadableApprovalsContinuation();
  if (aadObjectId === undefined || parsed.listTag !== listTagOf(aadObjectId)) {
    throw new UserFacingError(
      'That More button belongs to someone else',
      'It goes on with the list of requests another person asked for; each person sees only their own.',
      'Type approvals to list your own requests.',
    );
  }
  return parsed.storage;
}

export function unreadableApprovalsContinuation(): UserFacingError {
  return new UserFacingError(
    'That More button no longer works',
    'The place it marks in your list of requests could not be read.',
    'Type approvals to list your newest requests again.',
  );
}
