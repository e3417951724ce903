import { describe, expect, it } from 'vitest';
import { createAdminServiceGateway } from '../../adapters/adminservice/adminservice-gateway.js';
import type { AdminServiceRequest, AdminServiceResponse } from '../../adapters/adminservice/transport.js';

function gatewayAnswering(answer: (request: AdminServiceRequest) => AdminServiceResponse | Error) {
  const seen: AdminServiceRequest[] = [];
  const gateway = createAdminServiceGateway({
    transport: {
      async send(request) {
        seen.push(request);
        const result = answer(request);
        if (result instanceof Error) throw result;
        return result;
      },
    },
  });
  return { gateway, seen };
}
const reply = (status: number, json: unknown): AdminServiceResponse => ({ status, headers: {}, json });
const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('AdminService gateway error mapping (configmgr-adminservice.md §9)', () => {
  it.each([
    [reply(401, undefined), 'Unauthenticated', false],
    [reply(404, { error: { code: '404', message: 'Access denied  WMI QUERY: ' } }), 'AccessDenied', false],
    [reply(403, undefined), 'AccessDenied', false],
    [withCode('ECONNREFUSED'), 'ProviderUnreachable', true],
    [withCode('ENOTFOUND'), 'ProviderUnreachable', true],
    [withCode('ETIMEDOUT'), 'ProviderUnreachable', true],
    [
      Object.assign(new TypeError('fetch failed'), { cause: withCode('SELF_SIGNED_CERT_IN_CHAIN') }),
      'TlsUntrusted',
      false,
    ],
    [withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), 'TlsUntrusted', false],
  ] as const)('maps %o to %s', async (answer, code, retryable) => {
    const { gateway } = gatewayAnswering(() => answer);
    const result = await gateway.getSiteInfo();
    expect(result).toMatchObject({ ok: false, error: { code, retryable } });
  });

  it('maps a 404 on a collection key, and an empty value, to CollectionNotFound', async () => {
    const missing = gatewayAnswering(() => reply(404, { error: { message: 'Resource not found' } }));
    expect(await missing.gateway.getCollection('PS100042')).toMatchObject({
      ok: false,
      error: { code: 'CollectionNotFound' },
    });
    const empty = gatewayAnswering(() => reply(200, { value: [] }));
    expect(await empty.gateway.getCollection('PS100042')).toMatchObject({
      ok: false,
      error: { code: 'CollectionNotFound' },
    });
  });

  it('rejects malformed collection ids before any request', async () => {
    const { gateway, seen } = gatewayAnswering(() => reply(200, { value: [] }));
    expect(await gateway.getCollection("PS1'0042")).toMatchObject({ ok: false, error: { code: 'CollectionNotFound' } });
    expect(await gateway.listCollectionMembers('ps100042')).toMatchObject({
      ok: false,
      error: { code: 'CollectionNotFound' },
    });
    expect(seen).toEqual([]);
  });
});

describe('AdminService gateway queries', () => {
  it('escapes quotes in $filter and pages with $top+1/$skip', async () => {
    const rows = Array.from({ length: 3 }, (_, index) => ({
      CollectionID: `PS10000${index}`,
      Name: `c${index}`,
      CollectionType: 2,
      MemberCount: 1,
    }));
    const { gateway, seen } = gatewayAnswering(() => reply(200, { value: rows }));
    const result = await gateway.listCollections({ type: 'device', nameStartsWith: "O'Brien", top: 2, skip: 4 });
    expect(seen[0]?.query).toMatchObject({
      $filter: "CollectionType eq 2 and startswith(Name,'O''Brien')",
      $top: '3',
      $skip: '4',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { items: [{ id: 'PS100000' }, { id: 'PS100001' }], next: { skip: 6, top: 2 } },
    });
  });

  it('never selects SecretKey', async () => {
    const { gateway, seen } = gatewayAnswering(() =>
      reply(200, { value: [{ TenantID: 't', Name: 'Contoso', Environment: 1 }] }),
    );
    await gateway.getTenantAttachState();
    expect(JSON.stringify(seen)).not.toMatch(/SecretKey/i);
  });

  it('reports site facts without judging readiness', async () => {
    const site = {
      SiteCode: 'PS1',
      SiteName: 'Contoso',
      ServerName: 'cm01',
      Version: '5.00.8968.1000',
      BuildNumber: 8968,
      Type: 2,
      ReportingSiteCode: '',
    };
    const { gateway } = gatewayAnswering(() => reply(200, { value: [site] }));
    expect(await gateway.getSiteInfo()).toEqual({
      ok: true,
      value: {
        siteCode: 'PS1',
        siteName: 'Contoso',
        serverName: 'cm01',
        version: '5.00.8968.1000',
        buildNumber: 8968,
        siteType: 'primary',
        isTopLevel: true,
        branch: 'current',
      },
    });
  });

  it('answers console-only writes with ManualStepRequired and a checklist', async () => {
    const { gateway, seen } = gatewayAnswering(() => reply(200, { value: [] }));
    const result = await gateway.setCollectionEndpointSecurity('PS100042', true);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ManualStepRequired', details: { steps: expect.any(Array) } },
    });
    expect(seen).toEqual([]);
  });
});
