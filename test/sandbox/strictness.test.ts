import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';
import { choiceSetting, configMgrEdr, mdmEdr, sampleSharing, SAMPLE_SHARING_TEMPLATES } from './policy-bodies.js';

type GraphError = { error: { code: string; message: string; innerError: Record<string, string> } };
const AV_TEMPLATE = '804339ad-1553-4478-a742-138fb5807418_1';
const REALTIME = 'device_vendor_msft_policy_config_defender_allowrealtimemonitoring';
const REALTIME_TEMPLATES = {
  instance: 'f0790e28-9231-4d37-8f44-84bb47ca1b3e',
  value: '0492c452-1069-4b91-9363-93b8e006ab12',
};
const mdmAv = (settings: unknown[]): Record<string, unknown> => ({
  name: 'AV (MDM)',
  platforms: 'windows10',
  technologies: 'mdm,microsoftSense',
  templateReference: { templateId: AV_TEMPLATE },
  settings,
});

/** Each lenient case of issue 14, refused with the service's error shape (sources in sandbox/README.md). */
describe('the sandbox refuses what the service refuses', () => {
  let c: SandboxClient;
  beforeAll(async () => {
    c = await sandboxClient({ scenario: 'ready' });
  });
  afterAll(async () => {
    await c.close();
  });

  async function refused(path: string, body: unknown, message: RegExp): Promise<void> {
    const res = await c.graph('POST', path, body, { 'client-request-id': 'cr-strict' });
    expect(res.status, res.text).toBe(400);
    const error = res.json<GraphError>().error;
    expect(error.code).toBe('BadRequest');
    expect(error.innerError['client-request-id']).toBe('cr-strict');
    expect(error.message).toMatch(message);
  }
  const POLICIES = '/deviceManagement/configurationPolicies';

  it('checks settings against the catalog of the profile, its template references, technologies and creationSource', async () => {
    await refused(
      POLICIES,
      mdmAv([choiceSetting('defender_disablerestorepoint', 'defender_disablerestorepoint_1')]),
      /not part of the Microsoft Defender Antivirus \(MDM\) profile/,
    );
    await refused(
      POLICIES,
      mdmAv([
        choiceSetting(REALTIME, `${REALTIME}_1`, {
          ...REALTIME_TEMPLATES,
          instance: SAMPLE_SHARING_TEMPLATES.instance,
        }),
      ]),
      /settingInstanceTemplateId .* does not match/,
    );
    await refused(
      POLICIES,
      mdmAv([choiceSetting(REALTIME, `${REALTIME}_1`, { ...REALTIME_TEMPLATES, value: 'not-a-guid' })]),
      /not a valid GUID/,
    );
    await refused(POLICIES, mdmAv([choiceSetting(REALTIME, `${REALTIME}_1`)]), /settingInstanceTemplateId is required/);
    await refused(POLICIES, mdmEdr({ settings: [sampleSharing('1', false)] }), /settingInstanceTemplateId is required/);
    await refused(POLICIES, mdmEdr({ technologies: 'mdm' }), /technologies 'mdm' do not match/);
    await refused(POLICIES, mdmEdr({ platforms: 'macOS' }), /platforms 'macOS' do not match/);
    await refused(POLICIES, mdmEdr({ technologies: 'mdm,noSuchTechnology' }), /not a member of/);
    await refused(POLICIES, configMgrEdr({ creationSource: undefined }), /requires a creationSource/);
    await refused(
      POLICIES,
      configMgrEdr({ settings: [choiceSetting(REALTIME, `${REALTIME}_1`)] }),
      /not part of the Endpoint detection and response \(ConfigMgr\) profile/,
    );
    const created = await c.graph(
      'POST',
      POLICIES,
      mdmAv([choiceSetting(REALTIME, `${REALTIME}_1`, REALTIME_TEMPLATES)]),
    );
    expect(created.status, created.text).toBe(201);
    expect((await c.graph('POST', POLICIES, configMgrEdr({ creationSource: 'sccmedr' }))).status).toBe(201);
  });

  it('lists assignment filters; the portal policy of scenario ready is assigned with an include filter', async () => {
    const filters = (await c.graph('GET', '/deviceManagement/assignmentFilters')).json<{
      value: Array<{ id: string; displayName: string; platform: string }>;
    }>().value;
    expect(filters.map((filter) => filter.displayName)).toContain('Windows 11 devices');
    const portal = (
      await c.graph('GET', `${POLICIES}?$filter=${encodeURIComponent("name eq 'EDR - Finance (portal)'")}`)
    ).json<{ value: Array<{ id: string }> }>().value[0];
    const assignments = (await c.graph('GET', `${POLICIES}/${portal?.id ?? ''}/assignments`)).json<{
      value: Array<{ target: Record<string, unknown> }>;
    }>().value;
    expect(assignments[0]?.target).toMatchObject({
      deviceAndAppManagementAssignmentFilterId: filters.find((f) => f.displayName === 'Windows 11 devices')?.id,
      deviceAndAppManagementAssignmentFilterType: 'include',
    });
  });

  it('checks assignment targets: filters that exist and fit the platform, schema properties, GUIDs', async () => {
    const filters = (await c.graph('GET', '/deviceManagement/assignmentFilters')).json<{
      value: Array<{ id: string; platform: string }>;
    }>().value;
    const ios = filters.find((filter) => filter.platform === 'iOS')?.id;
    const id = (await c.graph('POST', POLICIES, configMgrEdr())).json<{ id: string }>().id;
    const assign = `${POLICIES}/${id}/assign`;
    const collection = (extra: Record<string, unknown>) => ({
      assignments: [
        {
          target: {
            '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
            collectionId: 'PS100042',
            ...extra,
          },
        },
      ],
    });
    const filterId = 'deviceAndAppManagementAssignmentFilterId';
    const filterType = 'deviceAndAppManagementAssignmentFilterType';
    await refused(
      assign,
      collection({ [filterId]: '0a0a0a0a-0000-4000-8000-000000000000', [filterType]: 'include' }),
      /was not found/,
    );
    await refused(assign, collection({ [filterId]: ios, [filterType]: 'include' }), /is for platform iOS/);
    await refused(assign, collection({ [filterType]: 'include' }), /needs a valid/);
    await refused(
      assign,
      collection({ [filterType]: 'sometimes' }),
      /not a member of deviceAndAppManagementAssignmentFilterType/,
    );
    await refused(assign, collection({ collectionName: 'x' }), /property 'collectionName' does not exist/);
    await refused(
      assign,
      { assignments: [{ target: { '@odata.type': '#microsoft.graph.noSuchTarget' } }] },
      /unknown @odata.type/,
    );
    const mdm = (await c.graph('POST', POLICIES, mdmEdr())).json<{ id: string }>().id;
    await refused(
      `${POLICIES}/${mdm}/assign`,
      { assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'not-a-guid' } }] },
      /Invalid object identifier/,
    );
  });

  it('records write bodies, never a credential, readable through the control API', async () => {
    await c.graph('POST', POLICIES, configMgrEdr({ name: 'Logged' }));
    const log = (await c.control('GET', '/requests')).json<{
      requests: Array<{ method: string; path: string; body?: unknown }>;
    }>().requests;
    const write = log.find((entry) => JSON.stringify(entry.body ?? null).includes('"Logged"'));
    expect(write).toMatchObject({ method: 'POST', body: { name: 'Logged', creationSource: 'SccmEDR' } });
    const token = log.find((entry) => entry.path.endsWith('/oauth2/v2.0/token'));
    expect(token).toBeDefined();
    expect(token?.body).toBeUndefined();
    expect(JSON.stringify(log)).not.toMatch(/client_secret|sandbox-client-secret/);
  });
});
