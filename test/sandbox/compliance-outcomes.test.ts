import { afterEach, describe, expect, it } from 'vitest';
import { configMgrEdr } from './policy-bodies.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

type Summary = {
  targetedDeviceCount: number;
  compliantDeviceCount: number;
  nonCompliantDeviceCount: number;
  failedDeviceCount: number;
  pendingDeviceCount: number;
};

describe('compliance outcomes set per collection (POST /_sandbox/compliance/outcomes)', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  async function assignedPolicy(collectionId: string): Promise<string> {
    const created = await c.graph('POST', '/deviceManagement/configurationPolicies', configMgrEdr());
    expect(created.status, created.text).toBe(201);
    const id = created.json<{ id: string }>().id;
    const target = { '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget', collectionId };
    expect(
      (await c.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, { assignments: [{ target }] }))
        .status,
    ).toBe(200);
    return id;
  }

  const summaryOf = async (id: string): Promise<Summary> =>
    (await c.graph('GET', `/deviceManagement/configManagerCollections/getPolicySummary(policyId='${id}')`)).json<{
      value: Summary;
    }>().value;

  it('makes a collection report as told, after its delay; the rest of the fractions stays pending', async () => {
    c = await sandboxClient({ scenario: 'ready', seed: 3 });
    const set = await c.control('POST', '/compliance/outcomes', {
      collectionId: 'PS100042',
      compliant: 0.5,
      nonCompliant: 0,
      failed: 0.25,
      reportDelaySeconds: 120,
    });
    expect(set.status, set.text).toBe(200);
    expect(set.json<{ devices: number }>().devices).toBe(200);
    const id = await assignedPolicy('PS100042');

    await c.control('POST', '/clock/advance', { seconds: 60 });
    expect(await summaryOf(id)).toMatchObject({ targetedDeviceCount: 200, pendingDeviceCount: 200 });
    await c.control('POST', '/clock/advance', { seconds: 61 });
    const after = await summaryOf(id);
    expect(after).toMatchObject({
      compliantDeviceCount: 100,
      nonCompliantDeviceCount: 0,
      failedDeviceCount: 50,
      pendingDeviceCount: 50,
    });

    await c.control('POST', '/clock/advance', { seconds: 30 * 24 * 3600 });
    expect((await summaryOf(id)).pendingDeviceCount).toBe(after.pendingDeviceCount);
  });

  it('holds the fractions exactly on a small collection, for every policy (a rollout gate must never pass by chance)', async () => {
    c = await sandboxClient({ scenario: 'ready', seed: 5 });
    const set = await c.control('POST', '/compliance/outcomes', {
      collectionId: 'PS100015',
      compliant: 0.7,
      nonCompliant: 0,
      failed: 0.3,
      reportDelaySeconds: 60,
    });
    const devices = set.json<{ devices: number }>().devices;
    expect(devices).toBeGreaterThan(0);
    const ids = [await assignedPolicy('PS100015'), await assignedPolicy('PS100015'), await assignedPolicy('PS100015')];
    await c.control('POST', '/clock/advance', { seconds: 61 });
    for (const id of ids) {
      const summary = await summaryOf(id);
      expect(summary.failedDeviceCount).toBe(Math.round(devices * 0.3));
      expect(summary.compliantDeviceCount + summary.failedDeviceCount).toBe(devices);
    }
  });

  it('refuses fractions over 1, both or neither target, and an unknown collection', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const post = (body: Record<string, unknown>) => c.control('POST', '/compliance/outcomes', body);
    expect((await post({ collectionId: 'PS100042', compliant: 0.8, nonCompliant: 0.2, failed: 0.1 })).status).toBe(400);
    expect((await post({ compliant: 1, nonCompliant: 0, failed: 0 })).status).toBe(400);
    expect(
      (await post({ collectionId: 'PS100042', groupId: 'g', compliant: 1, nonCompliant: 0, failed: 0 })).status,
    ).toBe(400);
    expect((await post({ collectionId: 'PS1FFFFF', compliant: 1, nonCompliant: 0, failed: 0 })).status).toBe(404);
  });
});
