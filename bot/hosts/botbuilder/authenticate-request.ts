import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../../core/ports/logger.js';
import {
  KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS,
  MAX_AUTHORIZATION_LENGTH,
  reasonOf,
  type Authentication,
} from '../http-contract.js';
import type { AttachOpsAdapter } from './create-adapter.js';

/**
 * Runs botbuilder's token validation and sorts every failure: the signing keys could not be fetched (503, try later)
 * or the token is not good (401). The reason is logged at warn, never the token or the header.
 */
export async function authenticateRequest(
  adapter: AttachOpsAdapter,
  activity: Activity,
  authorization: string,
  log: Logger,
): Promise<Authentication<AuthenticateRequestResult>> {
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
