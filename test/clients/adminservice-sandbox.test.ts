import { afterEach, describe, expect, it } from 'vitest';
import { createAdminServiceGateway } from '../../adapters/adminservice/adminservice-gateway.js';
import type { CollectionSummary } from '../../core/ports/configmgr-gateway.js';
import {
  createBearerTransport,
  createNtlmTransport,
  type NtlmCredentials,
} from '../../bot/upstream/adminservice-transport.js';
import { createUpstreamCredential } from '../../bot/upstream/graph-client.js';
import {
  type RunningSandbox,
  SANDBOX_ADMINSERVICE_USER,
  SANDBOX_APP,
  SANDBOX_TENANT_ID,
  type SandboxOptions,
  startSandbox,
} from '../../sandbox/index.js';
import { testTls } from '../support/tls.js';

let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function gatewayFor(credentials: NtlmCredentials, options: Omit<SandboxOptions, 'tls' | 'port'> = {}) {
  sandbox = await startSandbox({ port: 0, scenario: 'ready', ...options, tls: testTls() });
  return createAdminServiceGateway({
    transport: createNtlmTransport({ baseUrl: `${sandbox.url}/adminservice`, credentials, timeoutMs: 5000 }),
  });
}

describe('AdminService over NTLM against the sandbox', () => {
  it('reads the site with valid credentials over verified TLS', async () => {
    const gateway = await gatewayFor(SANDBOX_ADMINSERVICE_USER);
    const site = await gateway.getSiteInfo();
    expect(site).toMatchObject({ ok: true, value: { siteCode: 'PS1' } });
  });

  it('maps a 401 for missing or wrong credentials to Unauthenticated', async () => {
    const gateway = await gatewayFor({ ...SANDBOX_ADMINSERVICE_USER, password: 'wrong' });
    expect(await gateway.getSiteInfo()).toMatchObject({
      ok: false,
      error: { code: 'Unauthenticated', httpStatus: 401 },
    });
  });

  it('pages SMS_Collection to the end without gaps or repeats', async () => {
    const gateway = await gatewayFor(SANDBOX_ADMINSERVICE_USER);
    const seen: CollectionSummary[] = [];
    let skip = 0;
    for (;;) {
      const page = await gateway.listCollections({ top: 3, skip });
      if (!page.ok) throw new Error(page.error.message);
      seen.push(...page.value.items);
      if (page.value.next === undefined) break;
      skip = page.value.next.skip;
    }
    const all = await gateway.listCollections({ top: 500 });
    expect(all.ok && all.value.items.map((item) => item.id)).toEqual(seen.map((item) => item.id));
    expect(seen.length).toBeGreaterThan(3);
  });

  it('reads the Cloud Sync setting of every listed collection, built-in ids such as SMSDM003 included', async () => {
    const gateway = await gatewayFor(SANDBOX_ADMINSERVICE_USER);
    const all = await gateway.listCollections({ top: 500 });
    if (!all.ok) throw new Error(all.error.message);
    const ids = all.value.items.map((item) => item.id);
    expect(ids).toContain('SMSDM003');
    const states = await gateway.listCollectionCloudSync(ids);
    if (!states.ok) throw new Error(`${states.error.code}: ${states.error.message}`);
    const enabled = states.value
      .filter((state) => state.endpointSecurityEnabled === true)
      .map((state) => state.collectionId);
    expect(enabled).toEqual(expect.arrayContaining(['PS100015', 'PS100042']));
    expect(states.value.some((state) => state.endpointSecurityEnabled === 'unknown')).toBe(false);
  });

  it('maps the RBAC "Access denied" 404 to AccessDenied (Bearer transport: the fault fires before the NTLM handshake)', async () => {
    sandbox = await startSandbox({
      port: 0,
      scenario: 'ready',
      faults: 'route=/adminservice/*;kind=accessDenied;rate=1',
      tls: testTls(),
    });
    const credential = createUpstreamCredential({
      tenantId: SANDBOX_TENANT_ID,
      clientId: SANDBOX_APP.clientId,
      clientSecret: SANDBOX_APP.clientSecret,
      authorityHost: `${sandbox.url}/login`,
    });
    const transport = createBearerTransport({
      baseUrl: `${sandbox.url}/adminservice`,
      credential,
      scope: 'https://cmg.contoso.test/.default',
    });
    const gateway = createAdminServiceGateway({ transport });
    expect(await gateway.listCollections({})).toMatchObject({
      ok: false,
      error: { code: 'AccessDenied', httpStatus: 404 },
    });
  });

  it('reads through the Bearer (CMG) transport with a token from the app credential', async () => {
    sandbox = await startSandbox({ port: 0, scenario: 'ready', tls: testTls() });
    const credential = createUpstreamCredential({
      tenantId: SANDBOX_TENANT_ID,
      clientId: SANDBOX_APP.clientId,
      clientSecret: SANDBOX_APP.clientSecret,
      authorityHost: `${sandbox.url}/login`,
    });
    const gateway = createAdminServiceGateway({
      transport: createBearerTransport({
        baseUrl: `${sandbox.url}/adminservice`,
        credential,
        scope: 'https://cmg.contoso.test/.default',
      }),
    });
    expect(await gateway.getCollection('SMS00001')).toMatchObject({ ok: true, value: { id: 'SMS00001' } });
  });

  it('maps an unknown collection to CollectionNotFound', async () => {
    const gateway = await gatewayFor(SANDBOX_ADMINSERVICE_USER);
    expect(await gateway.getCollection('PS1FFFFF')).toMatchObject({ ok: false, error: { code: 'CollectionNotFound' } });
    expect(await gateway.listCollectionMembers('PS1FFFFF')).toMatchObject({
      ok: false,
      error: { code: 'CollectionNotFound' },
    });
  });

  it('maps a refused connection to ProviderUnreachable', async () => {
    await gatewayFor(SANDBOX_ADMINSERVICE_USER);
    const url = new URL(sandbox?.url ?? '');
    await sandbox?.close();
    sandbox = undefined;
    const closed = createAdminServiceGateway({
      transport: createNtlmTransport({
        baseUrl: `https://127.0.0.1:${url.port}/adminservice`,
        credentials: SANDBOX_ADMINSERVICE_USER,
      }),
    });
    expect(await closed.getSiteInfo()).toMatchObject({
      ok: false,
      error: { code: 'ProviderUnreachable', retryable: true },
    });
  });
});
