import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';
import { configMgrEdr, mdmEdr, sampleSharing } from './policy-bodies.js';

type GraphError = { error: { code: string; message: string; innerError: Record<string, string> } };
type Summary = {
  targetedDeviceCount: number;
  compliantDeviceCount: number;
  nonCompliantDeviceCount: number;
  failedDeviceCount: number;
  pendingDeviceCount: number;
  enforcedDeviceCount: number;
};

async function create(c: SandboxClient, body: Record<string, unknown>): Promise<string> {
  const res = await c.graph('POST', '/deviceManagement/configurationPolicies', body);
  expect(res.status, res.text).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('configuration policies', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('rejects invalid bodies with the Graph error shape', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const cases: Array<Record<string, unknown>> = [
      configMgrEdr({ roleScopeTagIds: ['1'] }),
      configMgrEdr({ templateReference: { templateId: '0385b795-0f2f-44ac-8602-9f65bf6adede_1' } }),
      mdmEdr({ templateReference: undefined }),
      mdmEdr({ settings: [sampleSharing('7')] }),
      mdmEdr({ unknownProperty: true }),
      mdmEdr({
        settings: [{ settingInstance: { '@odata.type': '#microsoft.graph.noSuchInstance', settingDefinitionId: 'x' } }],
      }),
      mdmEdr({
        settings: [
          { settingInstance: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance' } },
        ],
      }),
    ];
    for (const body of cases) {
      const res = await c.graph(
        'POST',
        '/deviceManagement/configurationPolicies',
        JSON.parse(JSON.stringify(body)) as unknown,
        { 'client-request-id': 'cr-1' },
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = res.json<GraphError>().error;
      expect(error.code).toBe('BadRequest');
      expect(error.innerError).toMatchObject({
        'client-request-id': 'cr-1',
        'request-id': expect.any(String),
        date: expect.any(String),
      });
    }
  });

  it('creates, reads, filters, updates and deletes', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const id = await create(c, configMgrEdr());
    const read = (await c.graph('GET', `/deviceManagement/configurationPolicies/${id}?$expand=settings`)).json<{
      settings: unknown[];
      creationSource: string;
      settingCount: number;
    }>();
    expect(read).toMatchObject({ creationSource: 'SccmEDR', settingCount: 1 });
    expect(read.settings).toHaveLength(1);
    const filter = encodeURIComponent("(technologies eq 'configManager' and creationSource eq 'SccmEDR')");
    expect(
      (await c.graph('GET', `/deviceManagement/configurationPolicies?$filter=${filter}`))
        .json<{ value: Array<{ name: string }> }>()
        .value.map((policy) => policy.name)
        .sort(),
    ).toEqual(['EDR (ConfigMgr)', 'EDR - Finance (portal)']);
    expect(
      (await c.graph('PUT', `/deviceManagement/configurationPolicies/${id}`, configMgrEdr({ name: 'Renamed' }))).status,
    ).toBe(204);
    expect(
      (
        await c.graph(
          'GET',
          `/deviceManagement/configurationPolicies?$filter=${encodeURIComponent("name eq 'Renamed'")}`,
        )
      ).json<{ value: unknown[] }>().value,
    ).toHaveLength(1);
    expect((await c.graph('DELETE', `/deviceManagement/configurationPolicies/${id}`)).status).toBe(204);
    expect((await c.graph('GET', `/deviceManagement/configurationPolicies/${id}`)).status).toBe(404);
  });

  it('assign validates targets and replaces the set', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const id = await create(c, configMgrEdr());
    const target = (collectionId: string) => ({
      target: { '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget', collectionId },
    });
    expect(
      (
        await c.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, {
          assignments: [target('PS100011')],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await c.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, {
          assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'x' } }],
        })
      ).status,
    ).toBe(400);
    await c.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, {
      assignments: [target('PS100015')],
    });
    const replaced = await c.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, {
      assignments: [target('PS100042')],
    });
    expect(replaced.status).toBe(200);
    const current = (await c.graph('GET', `/deviceManagement/configurationPolicies/${id}/assignments`)).json<{
      value: Array<{ target: { collectionId: string } }>;
    }>();
    expect(current.value.map((a) => a.target.collectionId)).toEqual(['PS100042']);
    const mdm = await create(c, mdmEdr());
    expect(
      (
        await c.graph('POST', `/deviceManagement/configurationPolicies/${mdm}/assign`, {
          assignments: [
            { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'no-such-group' } },
          ],
        })
      ).status,
    ).toBe(400);
  });

  it('compliance moves over simulated time and the summary, report and control API agree', async () => {
    c = await sandboxClient({ scenario: 'ready', seed: 7 });
    const id = await create(c, configMgrEdr());
    await c.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, {
      assignments: [
        {
          target: {
            '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
            collectionId: 'PS100042',
          },
        },
      ],
    });
    const summaryOf = async (): Promise<Summary> =>
      (
        await c.graph(
          'GET',
          `/deviceManagement/configManagerCollections/microsoft.graph.getPolicySummary(policyId='${id}')`,
        )
      ).json<{ value: Summary }>().value;
    const before = await summaryOf();
    expect(before).toMatchObject({ targetedDeviceCount: 200, pendingDeviceCount: 200, compliantDeviceCount: 0 });
    await c.control('POST', '/clock/advance', { seconds: 600 });
    const middle = await summaryOf();
    expect(middle.pendingDeviceCount).toBeGreaterThan(0);
    expect(middle.pendingDeviceCount).toBeLessThan(200);
    await c.control('POST', '/clock/advance', { seconds: 3600 });
    const after = (
      await c.graph('GET', `/deviceManagement/configManagerCollections/getPolicySummary(policyId='${id}')`)
    ).json<{ value: Summary }>().value;
    expect(after.pendingDeviceCount).toBe(0);
    expect(after.compliantDeviceCount + after.nonCompliantDeviceCount + after.failedDeviceCount).toBe(200);
    const own = (await c.control('GET', `/policies/${id}/compliance`)).json<{ summary: Summary }>().summary;
    expect(after).toMatchObject(own);
    expect(Object.keys(own)).toHaveLength(6);

    const statuses: string[] = [];
    let skip = 0;
    let total = Number.POSITIVE_INFINITY;
    while (skip < total) {
      const res = await c.graph('POST', '/deviceManagement/reports/getConfigurationPolicyDevicesReport', {
        select: ['DeviceName', 'ReportStatus', 'PolicyStatus'],
        filter: `(PolicyId eq '${id}')`,
        skip,
        top: 500,
        orderBy: [],
      });
      expect(res.headers['content-type']).toBe('application/octet-stream');
      const table = res.json<{ TotalRowCount: number; Schema: Array<{ Column: string }>; Values: unknown[][] }>();
      expect(table.Values.length).toBeLessThanOrEqual(50);
      const column = table.Schema.findIndex((s) => s.Column === 'ReportStatus');
      statuses.push(...table.Values.map((row) => String(row[column])));
      total = table.TotalRowCount;
      skip += table.Values.length;
    }
    expect(statuses).toHaveLength(200);
    expect(statuses.filter((s) => s === 'Succeeded')).toHaveLength(after.compliantDeviceCount);
  });

  it('serves templates filtered by family and role scope tags', async () => {
    c = await sandboxClient();
    const filter = encodeURIComponent("templateFamily eq 'endpointSecurityEndpointDetectionAndResponse'");
    const templates = (await c.graph('GET', `/deviceManagement/configurationPolicyTemplates?$filter=${filter}`)).json<{
      value: Array<{ id: string }>;
    }>().value;
    expect(templates.map((t) => t.id)).toEqual(['0385b795-0f2f-44ac-8602-9f65bf6adede_1']);
    const tags = (await c.graph('GET', '/deviceManagement/roleScopeTags')).json<{
      value: Array<{ id: string; isBuiltIn: boolean }>;
    }>().value;
    expect(tags[0]).toMatchObject({ id: '0', isBuiltIn: true });
  });
});
