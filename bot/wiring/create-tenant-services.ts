import type { TokenCredential } from '@azure/identity';
import { createAdminServiceGateway } from '../../adapters/adminservice/adminservice-gateway.js';
import { createUnconfiguredGateway } from '../../adapters/adminservice/unconfigured-gateway.js';
import { createGraphAdapters } from '../../adapters/graph/create-graph-adapters.js';
import { cachedRead } from '../../adapters/cache/cached-read.js';
import { createOidcCloudEnvironment } from '../../adapters/graph/oidc-cloud-environment.js';
import type { CloudEnvironmentProbe } from '../../core/ports/cloud-environment.js';
import type { Clock } from '../../core/ports/clock.js';
import type { ConfigMgrGateway } from '../../core/ports/configmgr-gateway.js';
import type { Logger } from '../../core/ports/logger.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { createRetryingTransport } from '../../adapters/adminservice/retrying-transport.js';
import type { RetryPolicy } from '../../adapters/transient/retry-delay.js';
import type { AdminServiceConfig, TenantConfig } from '../config/config.js';
import { createBearerTransport, createNtlmTransport } from '../upstream/adminservice-transport.js';
import { fetchJson } from '../upstream/fetch-json.js';
import { createGraphClient, createUpstreamCredential } from '../upstream/graph-client.js';

export interface TenantParts {
  readonly tenant: TenantConfig;
  readonly adminService?: AdminServiceConfig;
  readonly log: Logger;
  readonly clock: Clock;
  /** Total time one upstream call may spend retrying (overrides UPSTREAM_RETRY_BUDGET; tests use a short one). */
  readonly graphRetryBudgetMs?: number;
  /** First backoff step when the service sends no Retry-After (tests use a short one). */
  readonly retryBaseDelayMs?: number;
  /** Seeded randomness for the backoff jitter (tests); Math.random otherwise. */
  readonly random?: () => number;
}

/** The real upstream clients behind core's ports; pointed at the sandbox or a real tenant by configuration alone. */
export function createTenantServices(parts: TenantParts): TenantServices {
  const identity = {
    tenantId: parts.tenant.tenantId,
    clientId: parts.tenant.clientId,
    clientSecret: parts.tenant.clientSecret,
    certificatePath: parts.tenant.clientCertificateFile,
    authorityHost: parts.tenant.authorityHost.replace(/\/$/, ''),
    tokenDeadlineMs: parts.tenant.retryBudgetMs,
  };
  const credential = createUpstreamCredential(identity);
  const client = createGraphClient(
    { ...identity, graphBaseUrl: parts.tenant.graphBaseUrl, requestTimeoutMs: parts.tenant.graphTimeoutMs },
    credential,
  );
  const retry = {
    maxTotalMs: parts.graphRetryBudgetMs ?? parts.tenant.retryBudgetMs,
    ...(parts.retryBaseDelayMs === undefined ? {} : { baseDelayMs: parts.retryBaseDelayMs }),
  };
  const graph = createGraphAdapters(
    {
      client,
      logger: parts.log.child({ upstream: 'graph' }),
      clock: parts.clock,
      retry,
      ...(parts.random === undefined ? {} : { random: parts.random }),
    },
    identity.clientId,
  );
  return {
    ...graph,
    cloudEnvironment: cachedCloudEnvironment(
      createOidcCloudEnvironment({ authorityHost: identity.authorityHost, tenantId: identity.tenantId, fetchJson }),
      parts.tenant.oidcMetadataTtlMs,
      parts.clock,
    ),
    configMgr: configMgrGateway(parts, credential, retry),
  };
}

function configMgrGateway(
  parts: TenantParts,
  credential: TokenCredential,
  retry: Partial<RetryPolicy>,
): ConfigMgrGateway {
  const config = parts.adminService;
  if (!config) return createUnconfiguredGateway();
  const tls = { baseUrl: config.baseUrl, caBundlePath: config.caFile, timeoutMs: config.timeoutMs };
  const transport =
    config.auth === 'bearer'
      ? createBearerTransport({ ...tls, credential, scope: config.scope ?? '' })
      : createNtlmTransport({
          ...tls,
          credentials: { username: config.username ?? '', password: config.password ?? '', domain: config.domain },
          maxConnections: config.maxConnections,
          idleTimeoutMs: config.idleTimeoutMs,
        });
  const retrying = createRetryingTransport(transport, {
    clock: parts.clock,
    logger: parts.log.child({ upstream: 'adminservice' }),
    retry: { ...retry, maxTotalMs: parts.graphRetryBudgetMs ?? config.retryBudgetMs },
    ...(parts.random === undefined ? {} : { random: parts.random }),
  });
  return createAdminServiceGateway({ transport: retrying, expectedTenantId: parts.tenant.tenantId });
}

/** The tenant's cloud changes only when the tenant moves clouds: read its OpenID metadata once per TTL, not per check. */
function cachedCloudEnvironment(probe: CloudEnvironmentProbe, ttlMs: number, clock: Clock): CloudEnvironmentProbe {
  return { getCloudEnvironment: cachedRead(() => probe.getCloudEnvironment(), ttlMs, clock) };
}
