import { randomUUID } from 'node:crypto';
import { SANDBOX_APP, SANDBOX_TENANT_ID, SANDBOX_TENANT_NAME } from '../constants.js';
import type { Router } from '../http/router.js';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { AppPermissions } from './app-permissions.js';
import type { TokenStore } from './token-store.js';

export interface CloudFacts {
  readonly government: boolean;
}

function isOurTenant(tenant: string): boolean {
  return [SANDBOX_TENANT_ID, SANDBOX_TENANT_NAME, 'organizations'].includes(tenant.toLowerCase());
}

/** Public vs US Government answers (graph-intune.md §2.1). */
function cloudClaims(government: boolean): Record<string, string> {
  return government
    ? {
        tenant_region_scope: 'USGov',
        tenant_region_sub_scope: 'DODCON',
        cloud_instance_name: 'microsoftonline.us',
        cloud_graph_host_name: 'graph.microsoftazure.us',
        msgraph_host: 'graph.microsoft.us',
      }
    : {
        tenant_region_scope: 'NA',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      };
}

function aadError(
  req: SandboxRequest,
  status: number,
  error: string,
  code: number,
  description: string,
): SandboxResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const at = req.receivedAt ?? new Date().toISOString();
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${at}`,
    error_codes: [code],
    timestamp: at,
    trace_id: traceId,
    correlation_id: correlationId,
  });
}

function openIdConfiguration(req: SandboxRequest, prefix: string, tenant: string, cloud: CloudFacts): SandboxResponse {
  if (!isOurTenant(tenant)) return aadError(req, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
  const base = `${req.origin}${prefix}/${SANDBOX_TENANT_ID}`;
  return json(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${req.origin}${prefix}/${SANDBOX_TENANT_ID}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${req.origin}/graph/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
    kerberos_endpoint: `${base}/kerberos`,
    ...cloudClaims(cloud.government),
    rbac_url: 'https://pas.windows.net',
  });
}

function tokenEndpoint(
  req: SandboxRequest,
  tenant: string,
  tokens: TokenStore,
  permissions: AppPermissions,
): SandboxResponse {
  if (!isOurTenant(tenant)) return aadError(req, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
  const form = new URLSearchParams(req.rawBody);
  if (form.get('grant_type') !== 'client_credentials') {
    return aadError(req, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  }
  if (form.get('client_id') !== SANDBOX_APP.clientId) {
    return aadError(
      req,
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${SANDBOX_TENANT_ID}'.`,
    );
  }
  if (form.get('client_secret') !== SANDBOX_APP.clientSecret) {
    return aadError(
      req,
      401,
      'invalid_client',
      7000215,
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    );
  }
  const scope = form.get('scope') ?? 'https://graph.microsoft.com/.default';
  const { token, expiresIn } = tokens.issue({
    aud: scope.replace(/\/\.default$/, '').split(' ')[0],
    iss: `https://sts.windows.net/${SANDBOX_TENANT_ID}/`,
    tid: SANDBOX_TENANT_ID,
    appid: SANDBOX_APP.clientId,
    idtyp: 'app',
    roles: permissions.list(),
  });
  return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
}

function instanceDiscovery(req: SandboxRequest): SandboxResponse {
  const host = new URL(req.origin).host;
  return json(200, {
    tenant_discovery_endpoint: `${req.origin}/login/${SANDBOX_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

/** Served both under `/login/...` and at the root, so `authorityHost` may be either `https://host` or `https://host/login`. */
export function registerIdentityRoutes(
  router: Router,
  tokens: TokenStore,
  cloud: () => CloudFacts,
  permissions: AppPermissions,
): void {
  for (const prefix of ['/login', '']) {
    router.on('GET', `${prefix}/:tenant/v2.0/.well-known/openid-configuration`, (req, p) =>
      openIdConfiguration(req, prefix, p.tenant ?? '', cloud()),
    );
    router.on('POST', `${prefix}/:tenant/oauth2/v2.0/token`, (req, p) =>
      tokenEndpoint(req, p.tenant ?? '', tokens, permissions),
    );
    router.on('GET', `${prefix}/common/discovery/instance`, (req) => instanceDiscovery(req));
  }
}
