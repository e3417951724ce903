import { authorizeJWT, buildJwksUri, type AuthConfiguration, type Request } from '@microsoft/agents-hosting';
import type { Logger } from '../../../core/ports/logger.js';
import {
  KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS,
  MAX_AUTHORIZATION_LENGTH,
  reasonOf,
  type Authentication,
} from '../http-contract.js';

/** The validated token's claims. */
export type Claims = Readonly<Record<string, unknown>>;

/** How long a key endpoint found reachable is not asked again (the SDK's key client caches the keys themselves). */
const REACHABLE_FOR_MS = 5 * 60_000;
const KEY_FETCH_TIMEOUT_MS = 10_000;

/**
 * Token validation on the Agents SDK host, sorted as on botbuilder's: 401 for every bad token, 503 when the signing
 * keys cannot be fetched. The SDK's `authorizeJWT` checks signature, audience (against `connections`), lifetime, issuer
 * (validateIssuer) and the tenant binding, but answers every failure itself with 401 — a key endpoint that is down
 * included — so the key endpoint the SDK will use (its `buildJwksUri`) is checked for reachability first. The
 * `serviceurl` claim must equal the activity's service URL, as botbuilder requires (the SDK compares hosts only, and
 * only warns by default).
 */
export class AgentsTokenCheck {
  private readonly authorize: ReturnType<typeof authorizeJWT>;
  private readonly reachable = new Map<string, number>();

  constructor(
    private readonly authConfig: AuthConfiguration,
    private readonly log: Logger,
  ) {
    this.authorize = authorizeJWT(authConfig);
  }

  async authenticate(authorization: string, serviceUrl: string): Promise<Authentication<Claims>> {
    if (authorization.length > MAX_AUTHORIZATION_LENGTH) {
      this.log.warn({ length: authorization.length }, 'Authorization header too long; refused');
      return { ok: false, status: 401 };
    }
    const keys = await this.keysReachable(authorization);
    if (!keys.ok) {
      this.log.warn({ reason: keys.reason }, 'Bot Framework signing keys could not be fetched; asked to retry');
      return { ok: false, status: 503, retryAfterSeconds: KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS };
    }
    const verdict = await this.runAuthorizeJwt(authorization);
    if (!verdict.ok) {
      this.log.warn({ reason: verdict.reason }, 'Bot Framework token refused');
      return { ok: false, status: 401 };
    }
    if (verdict.claims.serviceurl !== serviceUrl) {
      this.log.warn({ reason: 'serviceurl claim does not match the activity' }, 'Bot Framework token refused');
      return { ok: false, status: 401 };
    }
    return { ok: true, result: verdict.claims };
  }

  /** The SDK middleware over a request and response of our own, so its 401 body never reaches the caller. */
  private async runAuthorizeJwt(
    authorization: string,
  ): Promise<{ ok: true; claims: Claims } | { ok: false; reason: string }> {
    const request: Request = { method: 'POST', headers: { authorization } };
    let refusal = 'refused';
    let passed = false;
    const response = {
      status() {
        return response;
      },
      send(body: unknown) {
        const message = (body as Record<string, unknown> | undefined)?.['jwt-auth-error'];
        refusal = reasonOf(new Error(typeof message === 'string' ? message : 'refused'));
        return response;
      },
    };
    try {
      await this.authorize(request as never, response as never, () => {
        passed = true;
      });
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
    const claims = request.user as Claims | undefined;
    return passed && claims ? { ok: true, claims } : { ok: false, reason: refusal };
  }

  /** Whether the key endpoint the SDK would use for this token answers; a token not for us is left to the SDK. */
  private async keysReachable(authorization: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const payload = unverifiedPayload(authorization);
    const connection = [...(this.authConfig.connections?.values() ?? [])].find((candidate) => {
      const audiences = Array.isArray(payload?.aud) ? payload.aud : [payload?.aud];
      return candidate.clientId !== undefined && audiences.includes(candidate.clientId);
    });
    if (!payload || !connection) return { ok: true };
    const uri = buildJwksUri(typeof payload.iss === 'string' ? payload.iss : '', connection);
    if ((this.reachable.get(uri) ?? 0) > Date.now()) return { ok: true };
    try {
      const answer = await fetch(uri, { signal: AbortSignal.timeout(KEY_FETCH_TIMEOUT_MS) });
      await answer.body?.cancel();
      if (answer.status >= 500) return { ok: false, reason: `key endpoint answered ${answer.status}` };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
    this.reachable.set(uri, Date.now() + REACHABLE_FOR_MS);
    return { ok: true };
  }
}

/** The token's claims, read without verifying anything: only to pick the key endpoint. */
function unverifiedPayload(authorization: string): Record<string, unknown> | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
