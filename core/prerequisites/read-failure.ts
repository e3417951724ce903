import type { GatewayError, GatewayErrorCode } from '../errors/gateway-error.js';
import { isUpstreamError, type UpstreamError, type UpstreamErrorCode } from '../errors/upstream-error.js';

/** Why a fact could not be read, and what the operator can do about it. */
export interface ReadFailure {
  readonly reason: string;
  readonly fix: string;
}

const RETRY_LATER = 'Run check again in a few minutes.';

const GATEWAY_FIXES: Partial<Record<GatewayErrorCode, string>> = {
  ProviderUnreachable:
    'Check ADMINSERVICE_URL points at the SMS Provider (the AdminService host), that the administration service is running, and that the firewall lets the bot host reach it on TCP 443.',
  TlsUntrusted:
    "Trust the SMS Provider's certificate on the bot host: put its issuing CA in the file named by ADMINSERVICE_CA_FILE.",
  Unauthenticated:
    'Check the AdminService credentials (ADMINSERVICE_DOMAIN, ADMINSERVICE_USERNAME, ADMINSERVICE_PASSWORD, or ADMINSERVICE_SCOPE for bearer auth).',
  AccessDenied:
    'Give the AdminService account a Configuration Manager security role that can read sites, updates and collections (for example Read-only Analyst) on the All scope.',
  Timeout: `The SMS Provider answered too slowly. ${RETRY_LATER}`,
  NotTopLevelSite:
    'Point ADMINSERVICE_URL at the SMS Provider of the top-level site (the CAS, or the standalone primary).',
};

const UPSTREAM_FIXES: Record<UpstreamErrorCode, (error: UpstreamError) => string> = {
  'upstream-throttled': () => `The service is throttling requests. ${RETRY_LATER}`,
  'upstream-unavailable': (error) =>
    error.failure.upstream === 'adminservice'
      ? (GATEWAY_FIXES.ProviderUnreachable ?? RETRY_LATER)
      : `The service is unavailable. ${RETRY_LATER}`,
  'upstream-rejected': () =>
    'The service refused the request; give the reference in the bot log to whoever runs AttachOps.',
  'upstream-unauthorized': (error) => CREDENTIAL_FIXES[error.failure.upstream],
  'upstream-forbidden': (error) =>
    error.failure.upstream === 'adminservice'
      ? (GATEWAY_FIXES.AccessDenied ?? '')
      : "Grant the AttachOps app the Graph application permission this read needs (see the permission list in the admin guide), then an administrator's consent; the tenant also needs an active Intune license.",
  'upstream-not-found': () => 'The service has no such object; check the tenant the bot is configured for (TENANT_ID).',
  'upstream-response-invalid': () =>
    'The service answered in an unexpected shape; give the reference in the bot log to whoever runs AttachOps.',
  'upstream-outcome-unknown': () => `The service did not answer in time. ${RETRY_LATER}`,
};

const CREDENTIAL_FIXES: Record<UpstreamError['failure']['upstream'], string> = {
  graph:
    'Check the Graph app credentials: TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (or the certificate), and that the secret has not expired.',
  identity: 'Check TENANT_ID and the Graph app credentials; the identity platform refused them.',
  adminservice: GATEWAY_FIXES.Unauthenticated ?? '',
};

export function fromGatewayError(error: GatewayError, what: string): ReadFailure {
  const status = error.httpStatus === undefined ? '' : `, HTTP ${error.httpStatus}`;
  return {
    reason: `Could not ${what}: ${error.code}${status}: ${error.message}`,
    fix:
      GATEWAY_FIXES[error.code] ??
      (error.retryable ? RETRY_LATER : 'Give the reference in the bot log to whoever runs AttachOps.'),
  };
}

export function fromThrown(error: unknown, what: string): ReadFailure {
  if (isUpstreamError(error))
    return { reason: `Could not ${what}: ${error.message}`, fix: UPSTREAM_FIXES[error.code](error) };
  const message = error instanceof Error ? error.message : String(error);
  return {
    reason: `Could not ${what}: ${message}`,
    fix: 'Give the reference in the bot log to whoever runs AttachOps.',
  };
}
