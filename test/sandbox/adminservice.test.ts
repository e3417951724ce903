import { createRequire } from 'node:module';
import { Agent } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_ADMINSERVICE_USER } from '../../sandbox/index.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

interface NtlmResponse {
  statusCode: number;
  body: string;
}
type NtlmGet = (
  options: Record<string, unknown>,
  callback: (error: Error | null, response: NtlmResponse) => void,
) => void;
const httpntlm = createRequire(import.meta.url)('httpntlm') as { get: NtlmGet };

function ntlmGet(
  c: SandboxClient,
  path: string,
  user: { username: string; password: string; domain: string } = SANDBOX_ADMINSERVICE_USER,
): Promise<NtlmResponse> {
  return new Promise((resolve, reject) => {
    httpntlm.get(
      {
        url: `${c.sandbox.url}${path}`,
        ...user,
        workstation: 'BOT01',
        agent: new Agent({ keepAlive: true, ca: c.sandbox.caCertPem }),
      },
      (error, response) => (error ? reject(error) : resolve(response)),
    );
  });
}

type Rows = { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string };

describe('AdminService', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('asks for Negotiate/NTLM without credentials', async () => {
    c = await sandboxClient();
    const res = await c.call('GET', '/AdminService/wmi/SMS_Site');
    expect(res.status).toBe(401);
    expect(String(res.headers['www-authenticate']).split(/,\s*/)).toEqual(['Negotiate', 'NTLM']);
  });

  it('completes the NTLM handshake with httpntlm and serves SMS_Site', async () => {
    c = await sandboxClient();
    const res = await ntlmGet(c, '/AdminService/wmi/SMS_Site');
    expect(res.statusCode).toBe(200);
    const site = (JSON.parse(res.body) as Rows).value[0];
    expect(site).toMatchObject({ SiteCode: 'PS1', BuildNumber: 9106, '@odata.etag': expect.any(String) });
  });

  it('rejects a wrong user and a wrong password', async () => {
    c = await sandboxClient();
    expect(
      (await ntlmGet(c, '/AdminService/wmi/SMS_Site', { ...SANDBOX_ADMINSERVICE_USER, username: 'someone' }))
        .statusCode,
    ).toBe(401);
    expect(
      (await ntlmGet(c, '/AdminService/wmi/SMS_Site', { ...SANDBOX_ADMINSERVICE_USER, password: 'nope' })).statusCode,
    ).toBe(401);
  });

  it('accepts a sandbox bearer token (CMG path)', async () => {
    c = await sandboxClient();
    const res = await c.call('GET', "/AdminService/wmi/SMS_Collection('PS100042')", {
      headers: { Authorization: `Bearer ${await c.token()}` },
    });
    expect(res.json<Rows>().value[0]).toMatchObject({
      CollectionID: 'PS100042',
      Name: 'All Windows 10 Workstations',
      MemberCount: 200,
      CollectionType: 2,
    });
    expect(
      (
        await c.call('GET', "/AdminService/wmi/SMS_Collection('PS1FFFFF')", {
          headers: { Authorization: `Bearer ${await c.token()}` },
        })
      ).status,
    ).toBe(404);
  });

  it('filters, selects, orders and pages collections and members', async () => {
    c = await sandboxClient();
    const auth = { Authorization: `Bearer ${await c.token()}` };
    const pilots = (
      await c.call(
        'GET',
        `/AdminService/wmi/SMS_Collection?$filter=${encodeURIComponent("startswith(Name,'PILOT-')")}&$select=CollectionID,Name&$orderby=Name`,
        { headers: auth },
      )
    ).json<Rows>();
    expect(pilots.value.map((r) => r.Name)).toEqual(['PILOT-AV-Ring0', 'PILOT-EDR-Ring0', 'PILOT-EDR-Ring1']);
    expect(Object.keys(pilots.value[0] ?? {}).sort()).toEqual(
      ['@odata.etag', 'CollectionID', 'Name', '__LAZYPROPERTIES'].sort(),
    );
    const users = (
      await c.call('GET', `/AdminService/wmi/SMS_Collection?$filter=${encodeURIComponent('CollectionType eq 1')}`, {
        headers: auth,
      })
    ).json<Rows>();
    expect(users.value.map((r) => r.CollectionID)).toContain('PS100020');
    const contains = (
      await c.call(
        'GET',
        `/AdminService/wmi/SMS_Collection?$filter=${encodeURIComponent("contains(Name,'finance')")}`,
        { headers: auth },
      )
    ).json<Rows>();
    expect(contains.value.map((r) => r.CollectionID)).toEqual(['PS100011']);
    const filter = encodeURIComponent("CollectionID eq 'PS100042'");
    const first = (
      await c.call('GET', `/AdminService/wmi/SMS_FullCollectionMembership?$filter=${filter}&$top=150`, {
        headers: auth,
      })
    ).json<Rows>();
    const second = (
      await c.call('GET', `/AdminService/wmi/SMS_FullCollectionMembership?$filter=${filter}&$top=150&$skip=150`, {
        headers: auth,
      })
    ).json<Rows>();
    expect(first.value).toHaveLength(150);
    expect(second.value).toHaveLength(50);
    expect(new Set([...first.value, ...second.value].map((r) => r.ResourceID)).size).toBe(200);
  });

  it('is case-sensitive on class names only on 2002, and reports the hotfix per scenario', async () => {
    c = await sandboxClient({ scenario: 'cb2002-no-hotfix' });
    const auth = { Authorization: `Bearer ${await c.token()}` };
    expect((await c.call('GET', '/AdminService/wmi/sms_site', { headers: auth })).status).toBe(404);
    const updates = (await c.call('GET', '/AdminService/wmi/SMS_CM_UpdatePackages', { headers: auth })).json<Rows>()
      .value;
    expect(updates.find((u) => String(u.Name).includes('KB4563473'))).toMatchObject({
      Name: 'Configuration Manager 2002 Hotfix (KB4563473)',
      State: 262146,
    });
    await c.control('POST', '/console/install-hotfix');
    const after = (await c.call('GET', '/AdminService/wmi/SMS_CM_UpdatePackages', { headers: auth })).json<Rows>()
      .value;
    expect(after.find((u) => String(u.Name).includes('KB4563473'))?.State).toBe(196612);
    const history = (
      await c.call('GET', '/AdminService/wmi/SMS_CM_UpdatePackagesHistory', { headers: auth })
    ).json<Rows>().value;
    expect(history).toHaveLength(1);
    await c.control('POST', '/reset', { scenario: 'cb2002-hotfix' });
    const site = (await c.call('GET', '/AdminService/wmi/SMS_Site', { headers: auth })).json<Rows>().value[0];
    expect(site?.BuildNumber).toBe(8968);
  });

  it('shows the tenant, environment and upload scope only after tenant attach', async () => {
    c = await sandboxClient({ scenario: 'gov-cloud' });
    const auth = { Authorization: `Bearer ${await c.token()}` };
    expect((await c.call('GET', '/AdminService/wmi/SMS_AAD_Tenant_Ex', { headers: auth })).json<Rows>().value).toEqual(
      [],
    );
    await c.control('POST', '/console/tenant-attach', { uploadScope: 'PS100042' });
    const tenant = (await c.call('GET', '/AdminService/wmi/SMS_AAD_Tenant_Ex', { headers: auth })).json<Rows>()
      .value[0];
    const environments = (
      await c.call('GET', '/AdminService/wmi/SMS_AzureEnvironments', { headers: auth })
    ).json<Rows>().value;
    expect(environments.find((e) => e.ID === tenant?.Environment)?.EnvironmentName).toBe('AzureUSGovernmentCloud');
    const mapping = await c.call('POST', '/AdminService/wmi/SMS_CoMgmtConfigs.GetTenantCollectionMapping', {
      headers: auth,
      body: { TenantID: tenant?.TenantID },
    });
    expect(mapping.json()).toMatchObject({ ReturnValue: 0, CollectionSiteID: 'PS100042' });
  });

  it('returns the Access denied 404 when injected', async () => {
    c = await sandboxClient({ faults: 'route=/AdminService/wmi/*;kind=accessDenied' });
    const res = await c.call('GET', '/AdminService/wmi/SMS_Site', {
      headers: { Authorization: `Bearer ${await c.token()}` },
    });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: { code: '404', message: 'Access denied  WMI QUERY: ' } });
  });
});
