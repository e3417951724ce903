import { AuthType, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { BotFrameworkCredentials } from '../../config/config.js';
import type { TokenValidationEndpoints } from '../token-validation.js';

/** The one connection the bot uses, under the SDK's default name. */
export const CONNECTION_NAME = 'serviceConnection';

/**
 * Stands in for an app id when the bot runs without credentials (loopback only): the SDK's CloudAdapter refuses to be
 * built without one under NODE_ENV=production, though this host then never validates a token or asks for one.
 */
const NO_CREDENTIALS_CLIENT_ID = 'attachops-unauthenticated-loopback';

/**
 * Our variables (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, MicrosoftAppType), mapped to the Agents
 * SDK's connection settings and passed in explicitly: the SDK's own environment names (`connections__…`) are not read
 * (../shared/reference/agents-sdk.md §3). `authorizeJWT` matches `aud` against `connections`, so the connection is
 * given there and at the top level. Issuers are validated (the SDK's default is not to).
 *
 * `endpoints` (tests: a local key endpoint) go only into the configuration tokens are checked with: the SDK's MSAL
 * client reads the same `authorityEndpoint` for outbound tokens and refuses a non-https one.
 */
export function agentsAuthConfig(
  credentials: BotFrameworkCredentials | undefined,
  endpoints?: Pick<TokenValidationEndpoints, 'keysAuthority' | 'issuers'>,
): AuthConfiguration {
  const connection: AuthConfiguration = {
    clientId: credentials?.appId ?? NO_CREDENTIALS_CLIENT_ID,
    authType: credentials?.appType === 'UserAssignedMSI' ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
    ...(credentials?.password ? { clientSecret: credentials.password } : {}),
    ...(credentials?.tenantId ? { tenantId: credentials.tenantId } : {}),
    validateIssuer: true,
    ...(endpoints?.keysAuthority ? { authorityEndpoint: endpoints.keysAuthority } : {}),
    ...(endpoints?.issuers ? { issuers: [...endpoints.issuers] } : {}),
  };
  return {
    ...connection,
    connections: new Map([[CONNECTION_NAME, connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: CONNECTION_NAME }],
  };
}
