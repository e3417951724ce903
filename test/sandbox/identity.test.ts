import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, SANDBOX_APP, SANDBOX_TENANT_ID } from '../../sandbox/index.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

const TOKEN_PATH = `/login/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`;
const form = (secret: string): string =>
  new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: SANDBOX_APP.clientId,
    client_secret: secret,
    scope: 'https://graph.microsoft.com/.default',
  }).toString();

describe('identity endpoints', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('serves public-cloud OpenID metadata pointing at its own token endpoint', async () => {
    c = await sandboxClient();
    const res = await c.call('GET', `/login/${SANDBOX_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    const body = res.json<Record<string, string>>();
    expect(body.token_endpoint).toBe(`${c.sandbox.url}/login/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`);
    expect(body).toMatchObject({
      cloud_instance_name: 'microsoftonline.com',
      tenant_region_scope: 'NA',
      msgraph_host: 'graph.microsoft.com',
    });
  });

  it('answers USGov values in gov-cloud', async () => {
    c = await sandboxClient({ scenario: 'gov-cloud' });
    const body = (await c.call('GET', `/login/${SANDBOX_TENANT_ID}/v2.0/.well-known/openid-configuration`)).json<
      Record<string, string>
    >();
    expect(body).toMatchObject({
      cloud_instance_name: 'microsoftonline.us',
      tenant_region_scope: 'USGov',
      msgraph_host: 'graph.microsoft.us',
    });
  });

  it('issues a token for the right secret and a 401 AADSTS error for a wrong one', async () => {
    c = await sandboxClient();
    const ok = await c.call('POST', TOKEN_PATH, { form: form(SANDBOX_APP.clientSecret) });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const bad = await c.call('POST', TOKEN_PATH, { form: form('wrong') });
    expect(bad.status).toBe(401);
    expect(bad.json<{ error: string; error_codes: number[] }>()).toMatchObject({
      error: 'invalid_client',
      error_codes: [7000215],
    });
  });

  it('rejects Graph calls without a token or with one it did not issue', async () => {
    c = await sandboxClient();
    const none = await c.call('GET', '/graph/beta/deviceManagement/configManagerCollections');
    expect(none.status).toBe(401);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('InvalidAuthenticationToken');
    const forged = await c.call('GET', '/graph/beta/deviceManagement/configManagerCollections', {
      headers: { Authorization: 'Bearer abc.def.ghi' },
    });
    expect(forged.status).toBe(401);
  });

  it('works with the real ClientSecretCredential and Graph client', async () => {
    c = await sandboxClient();
    const credential = new ClientSecretCredential(SANDBOX_TENANT_ID, SANDBOX_APP.clientId, SANDBOX_APP.clientSecret, {
      authorityHost: `${c.sandbox.url}/login`,
      disableInstanceDiscovery: true,
    });
    const graph = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      baseUrl: `${c.sandbox.url}/graph/`,
      customHosts: new Set(['127.0.0.1']),
      defaultVersion: 'v1.0',
    });
    const user = (await graph.api(`/users/${DEMO_USERS.admin.id}`).get()) as { displayName: string };
    expect(user.displayName).toBe('Alex Wilber');
    const log = (await c.control('GET', '/requests')).json<{
      requests: Array<{ path: string; authorization: { scheme: string | null } }>;
    }>();
    const graphCall = log.requests.find((r) => r.path.startsWith('/graph/'));
    expect(graphCall?.authorization.scheme).toBe('Bearer');
    expect(JSON.stringify(log)).not.toContain(SANDBOX_APP.clientSecret);
  });
});
