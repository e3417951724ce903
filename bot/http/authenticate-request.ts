import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../core/ports/logger.js';
import type { AttachOpsAdapter } from '../teams/create-adapter.js';

/** Bot Framework tokens are 1–3 KB; anything far longer is refused before a parser sees it. */
export const MAX_AUTHORIZATION_LENGTH = 8 * 1024;
/** How long a caller should wait when the token-signing keys cannot be fetched. */
export const KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

export type Authentication =
  | { readonly ok: true; readonly result: AuthenticateRequestResult }
  | { readonly ok: false; readonly status: 401 }
  | { readonly ok: false; readonly status: 503; readonly retryAfterSeconds: number };

/**
 * Runs botbuilder's token validation and sorts every failure: the signing keys could not be fetched (503, try later)
 * or the token is not good (401). The reason is logged at warn, never the token or the header.
 */
export async function authenticateRequest(
  adapter: AttachOpsAdapter,
  activity: Activity,
  authorization: string,
  log: Logger,
): Promise<Authentication> {
  if (authorization.length > MAX_AUTHORIZATION_LENGTH) {
    log.warn({ length: authorization.length }, 'Authorization header too long; refused');
    return { ok: false, status: 401 };
  }
  try {
    return { ok: true, result: await adapter.authenticate(activity, authorization) };
  } catch (error) {
    if (isKeyFetchFailure(error)) {
      log.warn({ reason: reasonOf(error) }, 'Bot Framework signing keys could not be fetched; asked to retry');
      return { ok: false, status: 503, retryAfterSeconds: KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS };
    }
    log.warn({ reason: reasonOf(error) }, 'Bot Framework token refused');
    return { ok: false, status: 401 };
  }
}

/** botframework-connector reports an unreachable OpenID metadata or key endpoint as a network error or a 5xx. */
function isKeyFetchFailure(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { name, statusCode, type, message } = error as Record<string, unknown>;
  if (name === 'FetchError' || type === 'system') return true;
  return typeof statusCode === 'number' && statusCode >= 500 && /^Failed to load/.test(String(message));
}

/** The validator's reason, short; its messages name claims and key ids, never the token itself. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  return `${error.name}: ${error.message}`.replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[token]').slice(0, 200);
}
