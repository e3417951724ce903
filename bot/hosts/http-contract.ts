/** The HTTP contract both hosts keep: same limits, same answers for the same refusals (test/e2e/bot-auth.test.ts). */

export const MAX_BODY_BYTES = 256 * 1024;
/** Bot Framework tokens are 1–3 KB; anything far longer is refused before a parser sees it. */
export const MAX_AUTHORIZATION_LENGTH = 8 * 1024;
/** How long a caller should wait when the token-signing keys cannot be fetched. */
export const KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;
/** The one body of every 401: nothing about why. */
export const UNAUTHORIZED = { error: 'Unauthorized' } as const;
export const KEYS_UNAVAILABLE = { error: 'Service unavailable: try again later' } as const;
export const TURN_FAILED = { error: 'Internal error: the details are in the bot log' } as const;
/** A bearer token, as the header must carry one before anything else is looked at. */
export const BEARER = /^Bearer\s+\S+/i;

export type Authentication<Result> =
  | { readonly ok: true; readonly result: Result }
  | { readonly ok: false; readonly status: 401 }
  | { readonly ok: false; readonly status: 503; readonly retryAfterSeconds: number };

/** The validator's reason, short; its messages name claims and key ids, never the token itself. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  return `${error.name}: ${error.message}`.replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[token]').slice(0, 200);
}
