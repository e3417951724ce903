import { describe, expect, it } from 'vitest';
import { gatherFacts } from '../../../core/prerequisites/gather-facts.js';
import { ALEX, NOW, readyWorld } from './fake-world.js';
import { createFakeTenant } from './fakes.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('gathering the facts', () => {
  it('starts every independent read before any of them finishes', async () => {
    const tenant = createFakeTenant(readyWorld());
    let open = (): void => undefined;
    tenant.gate = new Promise((resolve) => (open = resolve));
    const gathering = gatherFacts(tenant.services, { profile: 'all', requester: ALEX, now: NOW });
    await tick();
    expect([...tenant.calls].sort()).toEqual([
      'cloud.getCloudEnvironment',
      'collections.listSyncedCollections',
      'configMgr.getSiteInfo',
      'configMgr.getTenantAttachState',
      'configMgr.listUpdatePackages',
      'defender.getDefenderConnector',
      'directory.isGlobalAdministrator',
    ]);
    open();
    const facts = await gathering;
    expect(facts.site.status).toBe('read');
  });

  it('reads the Cloud Sync state of every synced collection in one read once attached', async () => {
    const tenant = createFakeTenant(readyWorld());
    const facts = await gatherFacts(tenant.services, { profile: 'edr', requester: ALEX, now: NOW });
    expect(tenant.calls.filter((call) => call === 'configMgr.getCollectionCloudSync')).toHaveLength(1);
    expect(facts.cloudSync).toMatchObject({
      status: 'read',
      value: [{ collectionId: 'PS100015' }, { collectionId: 'PS100042' }],
    });
  });

  it('skips the 2002 hotfix read for an Antivirus check', async () => {
    const tenant = createFakeTenant(readyWorld());
    const facts = await gatherFacts(tenant.services, { profile: 'antivirus', requester: ALEX, now: NOW });
    expect(tenant.calls).not.toContain('configMgr.listUpdatePackages');
    expect(facts.updates.status).toBe('skipped');
  });

  it('keeps every other fact when one port throws', async () => {
    const world = readyWorld();
    world.thrown.defender = new Error('boom');
    const facts = await gatherFacts(createFakeTenant(world).services, { profile: 'all', requester: ALEX, now: NOW });
    expect(facts.defender).toMatchObject({ status: 'failed', failure: { reason: expect.stringContaining('boom') } });
    expect(
      [facts.site, facts.tenantAttach, facts.cloud, facts.globalAdministrator, facts.syncedCollections].map(
        (fact) => fact.status,
      ),
    ).toEqual(['read', 'read', 'read', 'read', 'read']);
  });
});
