import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { TimedFetchHandler } from '../../adapters/graph/timed-fetch-handler.js';
import { explainedCredential } from './token-failures.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface UpstreamIdentityConfig {
  readonly tenantId: string;
  readonly clientId: string;
  /** Exactly one of clientSecret and certificatePath. */
  readonly clientSecret?: string;
  /** A PEM file holding the certificate and its private key. */
  readonly certificatePath?: string;
  /** e.g. https://login.microsoftonline.com (the sandbox: https://127.0.0.1:PORT/login). */
  readonly authorityHost: string;
  /** UPSTREAM_RETRY_BUDGET: a token request, the SDK's retries included, ends within this (default 60 s, its default). */
  readonly tokenDeadlineMs?: number;
}

export interface GraphClientConfig extends UpstreamIdentityConfig {
  /** e.g. https://graph.microsoft.com/ (the sandbox: https://127.0.0.1:PORT/graph/); the version segment is appended per call. */
  readonly graphBaseUrl: string;
  /** GRAPH_TIMEOUT: one HTTP attempt, headers and body, never takes longer. */
  readonly requestTimeoutMs: number;
}

/**
 * The app's one credential, shared by Graph and the AdminService Bearer transport. Its token requests are retried by the
 * SDK's own pipeline (5xx, 408, resets, timeouts: @azure/core-rest-pipeline's default retry, 3 retries with backoff);
 * explainedCredential bounds them by the retry budget and says which setting to check when Entra ID refuses them.
 */
export function createUpstreamCredential(config: UpstreamIdentityConfig): TokenCredential {
  const options = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
    retryOptions: { maxRetries: 3 },
  };
  if (config.clientSecret && config.certificatePath)
    throw new Error('configure either a client secret or a certificate for Graph, not both');
  const deadlineMs = config.tokenDeadlineMs ?? 60_000;
  if (config.certificatePath)
    return explainedCredential(
      new ClientCertificateCredential(config.tenantId, config.clientId, config.certificatePath, options),
      { secretSetting: 'GRAPH_CLIENT_CERTIFICATE_FILE', deadlineMs },
    );
  if (config.clientSecret)
    return explainedCredential(
      new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, options),
      { secretSetting: 'GRAPH_CLIENT_SECRET', deadlineMs },
    );
  throw new Error('configure a client secret or a certificate for Graph');
}

/**
 * A Graph client whose middleware chain has NO RetryHandler (and no redirect handler): adapters/graph/graph-retry.ts
 * is the single retry policy, so a throttled call is never retried by two layers with two budgets. The last handler
 * bounds every attempt by the configured timeout.
 */
export function createGraphClient(
  config: GraphClientConfig,
  credential: TokenCredential = createUpstreamCredential(config),
): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
  return Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler(authProvider),
      new TelemetryHandler(),
      new TimedFetchHandler(config.requestTimeoutMs),
    ],
    baseUrl: config.graphBaseUrl,
    customHosts: new Set([graphHostname(config.graphBaseUrl)]),
  });
}

/** The SDK compares bare hostnames: it strips the port before matching, so "127.0.0.1:8443" would never match. */
export function graphHostname(graphBaseUrl: string): string {
  return new URL(graphBaseUrl).hostname;
}
