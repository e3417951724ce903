import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { z } from 'zod';

/** Names the Graph adapter maps (adapters/graph/graph-send-once.ts): refused → unauthorized, unavailable → transient. */
export const CREDENTIAL_REFUSED = 'AuthenticationError';
export const TOKEN_SERVICE_UNAVAILABLE = 'TokenServiceUnavailable';

/** OAuth error codes of a credential the identity platform refuses as configured (RFC 6749 §5.2 plus Entra's own). */
const REFUSED_CODES = new Set([
  'invalid_client',
  'unauthorized_client',
  'invalid_tenant',
  'invalid_request',
  'invalid_grant',
]);

const identityErrorSchema = z.object({
  errorResponse: z
    .object({ error: z.string().optional(), errorCodes: z.array(z.union([z.number(), z.string()])).optional() })
    .optional()
    .catch(undefined),
  message: z.string().optional(),
});

export interface CredentialSettings {
  /** Which of GRAPH_CLIENT_SECRET and GRAPH_CLIENT_CERTIFICATE_FILE the bot was given. */
  readonly secretSetting: 'GRAPH_CLIENT_SECRET' | 'GRAPH_CLIENT_CERTIFICATE_FILE';
  /** UPSTREAM_RETRY_BUDGET: a token, the SDK's own retries included, comes within this or not at all. */
  readonly deadlineMs: number;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The setting to check for a refused credential; the refusal's code and AADSTS number, never its text or the secret. */
export function refusalMessage(error: unknown, settings: CredentialSettings): string | undefined {
  const parsed = identityErrorSchema.safeParse(error).data;
  // @azure/identity 4 (through MSAL) throws AuthenticationRequiredError with the OAuth code leading the message.
  const oauthCode = parsed?.errorResponse?.error ?? /^([a-z_]+):/.exec(parsed?.message ?? '')?.[1];
  if (oauthCode === undefined || !REFUSED_CODES.has(oauthCode)) return undefined;
  const aadsts = parsed?.errorResponse?.errorCodes?.[0] ?? /AADSTS(\d+)/.exec(parsed?.message ?? '')?.[1];
  const check =
    oauthCode === 'invalid_client'
      ? settings.secretSetting === 'GRAPH_CLIENT_SECRET'
        ? 'GRAPH_CLIENT_SECRET (the secret value, not its ID; it may have expired)'
        : 'GRAPH_CLIENT_CERTIFICATE_FILE (the certificate uploaded to the app registration, not expired)'
      : oauthCode === 'unauthorized_client'
        ? 'GRAPH_CLIENT_ID and TENANT_ID (the app registration must exist in that tenant)'
        : oauthCode === 'invalid_tenant'
          ? 'TENANT_ID'
          : `TENANT_ID, GRAPH_CLIENT_ID and ${settings.secretSetting}`;
  const what = [oauthCode, aadsts === undefined ? undefined : `AADSTS${aadsts}`].filter(Boolean).join(', ');
  return `Microsoft Entra ID refused the app's credential${what ? ` (${what})` : ''}: check ${check}`;
}

/**
 * The app's credential as the adapters meet it. The SDK retries its own token request on 5xx, resets and timeouts
 * (its pipeline's retry policy); this adds what it lacks: the whole request, retries included, ends by the retry budget;
 * a refusal says which setting to check; a failure that was not a refusal is "unavailable", never "unauthorized".
 */
export function explainedCredential(inner: TokenCredential, settings: CredentialSettings): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(namedError(TOKEN_SERVICE_UNAVAILABLE, `no token within ${settings.deadlineMs} ms`)),
          settings.deadlineMs,
        );
      });
      const request = inner.getToken(scopes, options);
      try {
        return await Promise.race([request, deadline]);
      } catch (error) {
        if (error instanceof Error && error.name === TOKEN_SERVICE_UNAVAILABLE) {
          request.catch(() => undefined);
          throw error;
        }
        const refusal = refusalMessage(error, settings);
        if (refusal !== undefined) throw namedError(CREDENTIAL_REFUSED, refusal);
        throw namedError(TOKEN_SERVICE_UNAVAILABLE, 'the token request failed after the SDK retried it');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
