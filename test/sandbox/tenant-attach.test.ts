import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

const MDE = '/deviceManagement/mobileThreatDefenseConnectors/fc780465-2017-40d4-a0c5-307022471b92';
type Collections = { value: Array<{ collectionIdentifier: string; hierarchyName: string }> };

describe('connector and tenant attach', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('connector is enabled with a recent heartbeat, and available with an old one in mde-off', async () => {
    c = await sandboxClient();
    const on = (await c.graph('GET', MDE)).json<{ partnerState: string; lastHeartbeatDateTime: string }>();
    expect(on.partnerState).toBe('enabled');
    await c.control('POST', '/reset', { scenario: 'mde-off' });
    const off = (await c.graph('GET', MDE)).json<{ partnerState: string; lastHeartbeatDateTime: string }>();
    expect(off.partnerState).toBe('available');
    expect(Date.parse(off.lastHeartbeatDateTime)).toBeLessThan(Date.parse(on.lastHeartbeatDateTime) - 7 * 86_400_000);
  });

  it('fresh: nothing in Graph; enabling is refused until attached and in scope', async () => {
    c = await sandboxClient();
    expect((await c.graph('GET', '/deviceManagement/configManagerCollections')).json<Collections>().value).toEqual([]);
    const early = await c.control('POST', '/console/collections/PS100015/cloud-sync', { endpointSecurity: true });
    expect(early.status).toBe(409);
    expect(early.json<{ error: { code: string } }>().error.code).toBe('NotTenantAttached');
    expect((await c.control('POST', '/console/tenant-attach', { uploadScope: 'PS100042' })).status).toBe(200);
    const outOfScope = await c.control('POST', '/console/collections/PS100015/cloud-sync', { endpointSecurity: true });
    expect(outOfScope.json<{ error: { code: string } }>().error.code).toBe('CollectionOutOfUploadScope');
    const userCollection = await c.control('POST', '/console/collections/PS100020/cloud-sync', {
      endpointSecurity: true,
    });
    expect(userCollection.json<{ error: { code: string } }>().error.code).toBe('NotDeviceCollection');
  });

  it('an enabled collection appears in Graph only after the sync delay', async () => {
    c = await sandboxClient({ syncDelaySeconds: 900 });
    await c.control('POST', '/console/tenant-attach', { uploadScope: 'all' });
    expect(
      (await c.control('POST', '/console/collections/PS100015/cloud-sync', { endpointSecurity: true })).status,
    ).toBe(200);
    expect((await c.graph('GET', '/deviceManagement/configManagerCollections')).json<Collections>().value).toEqual([]);
    await c.control('POST', '/clock/advance', { seconds: 899 });
    expect((await c.graph('GET', '/deviceManagement/configManagerCollections')).json<Collections>().value).toEqual([]);
    await c.control('POST', '/clock/advance', { seconds: 1 });
    const visible = (await c.graph('GET', '/deviceManagement/configManagerCollections')).json<Collections>().value;
    expect(visible).toEqual([
      expect.objectContaining({ collectionIdentifier: 'PS100015', hierarchyName: 'PS1 - Contoso' }),
    ]);
    await c.control('POST', '/console/collections/PS100015/cloud-sync', { endpointSecurity: false });
    expect((await c.graph('GET', '/deviceManagement/configManagerCollections')).json<Collections>().value).toEqual([]);
  });

  it('ready: two collections already synced; narrowing the upload scope hides the other', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const ids = (await c.graph('GET', '/deviceManagement/configManagerCollections'))
      .json<Collections>()
      .value.map((v) => v.collectionIdentifier);
    expect(ids).toEqual(['PS100015', 'PS100042']);
    await c.control('POST', '/console/upload-scope', { uploadScope: 'PS100042' });
    await c.control('POST', '/clock/advance', { seconds: 60 });
    const after = (await c.graph('GET', '/deviceManagement/configManagerCollections'))
      .json<Collections>()
      .value.map((v) => v.collectionIdentifier);
    expect(after).toEqual(['PS100042']);
  });

  it('v1.0 has no configManagerCollections segment', async () => {
    c = await sandboxClient();
    const res = await c.call('GET', '/graph/v1.0/deviceManagement/configManagerCollections', {
      headers: { Authorization: `Bearer ${await c.token()}` },
    });
    expect(res.status).toBe(400);
  });
});
