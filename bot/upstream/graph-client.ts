import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { TimedFetchHandler } from '../../adapters/graph/timed-fetch-handler.js';

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
}

export interface GraphClientConfig extends UpstreamIdentityConfig {
  /** e.g. https://graph.microsoft.com/ (the sandbox: https://127.0.0.1:PORT/graph/); the version segment is appended per call. */
  readonly graphBaseUrl: string;
  /** GRAPH_TIMEOUT: one HTTP attempt, headers and body, never takes longer. */
  readonly requestTimeoutMs: number;
}

/** The app's one credential, shared by Graph and the AdminService Bearer transport. */
export function createUpstreamCredential(config: UpstreamIdentityConfig): TokenCredential {
  const options = { authorityHost: config.authorityHost, disableInstanceDiscovery: true };
  if (config.clientSecret && config.certificatePath)
    throw new Error('configure either a client secret or a certificate for Graph, not both');
  if (config.certificatePath)
    return new ClientCertificateCredential(config.tenantId, config.clientId, config.certificatePath, options);
  if (config.clientSecret)
    return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, options);
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
