import { SANDBOX_ADMINSERVICE_USER, SANDBOX_APP, SANDBOX_TENANT_ID } from './constants.js';
import { SANDBOX_ACCESS_ENV } from './demo-access.js';

/**
 * The bot variables that point AttachOps at a sandbox listening at `url`: the home tenant, the app registration, Graph,
 * the login authority and the AdminService with NTLM, plus the demo role assignments. What `npm start` gives the bot
 * (scripts/lib/sandbox.mjs builds the same for the started process), for tests and benchmarks that wire it in-process.
 */
export function sandboxBotEnvironment(url: string): Record<string, string> {
  return {
    ...SANDBOX_ACCESS_ENV,
    TENANT_ID: SANDBOX_TENANT_ID,
    GRAPH_CLIENT_ID: SANDBOX_APP.clientId,
    GRAPH_CLIENT_SECRET: SANDBOX_APP.clientSecret,
    GRAPH_BASE_URL: `${url}/graph/`,
    AUTHORITY_HOST: `${url}/login/`,
    ADMINSERVICE_URL: `${url}/AdminService/`,
    ADMINSERVICE_AUTH: 'ntlm',
    ADMINSERVICE_DOMAIN: SANDBOX_ADMINSERVICE_USER.domain,
    ADMINSERVICE_USERNAME: SANDBOX_ADMINSERVICE_USER.username,
    ADMINSERVICE_PASSWORD: SANDBOX_ADMINSERVICE_USER.password,
  };
}
