import { buildTenantAttachGuidance } from '../../../core/workflow/tenant-attach-guidance.js';
import { describe, expect, it } from 'vitest';
import { gatewayError } from '../../../core/errors/gateway-error.js';
import { UpstreamUnavailable } from '../../../core/errors/upstream-error.js';
import {
  collectionsEnabledRule,
  collectionsInScopeRule,
  collectionsSyncedRule,
} from '../../../core/prerequisites/collection-rules.js';
import { tenantAttachedRule, uploadScopeRule } from '../../../core/prerequisites/tenant-attach-rules.js';
import { readyWorld, SCENARIO_WORLDS, type FakeWorld } from './fake-world.js';
import { factsOf } from './fakes.js';

const withScope = (uploadScope: FakeWorld['attach']['uploadScope']): FakeWorld => {
  const world = readyWorld();
  return { ...world, attach: { ...world.attach, uploadScope } };
};

describe('the tenant attach rules', () => {
  it('pass when attached with all devices uploaded', async () => {
    const facts = await factsOf(readyWorld());
    expect(tenantAttachedRule(facts)).toMatchObject({ status: 'pass', area: 'Tenant attach' });
    expect(uploadScopeRule(facts).evidence).toContain('All my devices');
  });

  it('fail when not attached, pointing at attach with the console path the attach card uses', async () => {
    const facts = await factsOf(SCENARIO_WORLDS.fresh());
    const result = tenantAttachedRule(facts);
    expect(result.status).toBe('fail');
    expect(result.fix).toMatch(/^Type attach:/);
    const path = /Administration > Cloud Services > [^:]+/.exec(result.fix ?? '')?.[0];
    if (facts.site.status !== 'read' || path === undefined) throw new Error('expected a site and a console path');
    expect(buildTenantAttachGuidance(facts.site.value, { kind: 'all' }).steps[0]).toContain(`go to ${path}.`);
    expect(result.fix).toContain('Upload to Microsoft Endpoint Manager admin center');
  });

  it('are unknown when ConfigMgr cannot tell', async () => {
    const world = readyWorld();
    world.attach = { ...world.attach, attached: 'unknown' };
    expect(tenantAttachedRule(await factsOf(world)).status).toBe('unknown');
  });

  it('report a one-collection upload scope', async () => {
    expect(
      uploadScopeRule(await factsOf(withScope({ kind: 'collection', collectionId: 'PS100015' }))).evidence,
    ).toContain('Only collection PS100015');
  });

  it('leave the upload scope unknown when ConfigMgr does not report it', async () => {
    expect(uploadScopeRule(await factsOf(withScope({ kind: 'unknown' }))).status).toBe('unknown');
  });
});

describe('the collection rules', () => {
  it('pass when the synced collections are enabled', async () => {
    const facts = await factsOf(readyWorld());
    expect(
      [collectionsInScopeRule, collectionsSyncedRule, collectionsEnabledRule].map((rule) => rule(facts).status),
    ).toEqual(['pass', 'pass', 'pass']);
  });

  it('are unknown "after tenant attach" rather than failing when not attached', async () => {
    const facts = await factsOf(SCENARIO_WORLDS.fresh());
    for (const rule of [uploadScopeRule, collectionsInScopeRule, collectionsSyncedRule, collectionsEnabledRule]) {
      expect(rule(facts)).toMatchObject({
        status: 'unknown',
        evidence: expect.stringContaining('after tenant attach'),
      });
    }
    expect(facts.cloudSync.status).toBe('skipped');
  });

  it('fail for a named collection outside a one-collection upload scope', async () => {
    const result = collectionsInScopeRule(
      await factsOf(withScope({ kind: 'collection', collectionId: 'PS100015' }), { targetCollectionIds: ['PS100042'] }),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('PS100042 is outside the upload scope');
  });

  it('pass for the upload-scope collection itself', async () => {
    expect(
      collectionsInScopeRule(
        await factsOf(withScope({ kind: 'collection', collectionId: 'PS100015' }), {
          targetCollectionIds: ['ps100015'],
        }),
      ).status,
    ).toBe('pass');
  });

  it('fail when a named collection is not synced, with the sync delay in the fix', async () => {
    const result = collectionsSyncedRule(await factsOf(readyWorld(), { targetCollectionIds: ['PS1000AA'] }));
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('every 15 minutes');
  });

  it('fail when Intune lists no synced collection', async () => {
    expect(collectionsSyncedRule(await factsOf({ ...readyWorld(), synced: [] })).status).toBe('fail');
  });

  it('read every page of synced collections', async () => {
    const world = readyWorld();
    world.synced = ['PS100015', 'PS100042', 'PS100043', 'PS100044', 'PS100045'].map((id) => ({
      ...world.synced[0]!,
      id,
      collectionId: id,
    }));
    const facts = await factsOf(world, { targetCollectionIds: ['PS100045'] });
    expect(collectionsSyncedRule(facts).status).toBe('pass');
  });

  it('fail when a named collection is not enabled for endpoint security, naming the Cloud Sync option', async () => {
    const world = readyWorld();
    world.cloudSync.set('PS100042', false);
    const result = collectionsEnabledRule(await factsOf(world, { targetCollectionIds: ['PS100042'] }));
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('Cloud Sync tab');
    expect(result.fix).toContain('top-level site');
  });

  it('pass while listing the collections not enabled, when some synced collection is enabled', async () => {
    const world = readyWorld();
    world.cloudSync.set('PS100042', false);
    const result = collectionsEnabledRule(await factsOf(world));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain('not enabled: PS100042');
  });

  it('fail when no synced collection is enabled', async () => {
    const world = readyWorld();
    world.cloudSync = new Map();
    expect(collectionsEnabledRule(await factsOf(world)).status).toBe('fail');
  });

  it('are unknown when ConfigMgr cannot tell whether a collection is enabled', async () => {
    const world = readyWorld();
    world.cloudSync = new Map([
      ['PS100015', 'unknown'],
      ['PS100042', 'unknown'],
    ]);
    expect(collectionsEnabledRule(await factsOf(world)).status).toBe('unknown');
  });

  it('are unknown with the reason when Cloud Sync cannot be read', async () => {
    const world = {
      ...readyWorld(),
      gatewayFailures: { getCollectionCloudSync: gatewayError('Timeout', 'no answer in 30 s', { retryable: true }) },
    };
    const result = collectionsEnabledRule(await factsOf(world));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('Timeout');
  });

  it('are unknown for synced and enabled when Intune is unavailable', async () => {
    const world = {
      ...readyWorld(),
      thrown: {
        collections: new UpstreamUnavailable(
          { upstream: 'graph', operation: 'list synced collections', status: 503 },
          3,
        ),
      },
    };
    const facts = await factsOf(world);
    expect(collectionsSyncedRule(facts).status).toBe('unknown');
    expect(collectionsEnabledRule(facts)).toMatchObject({
      status: 'unknown',
      fix: expect.stringContaining('few minutes'),
    });
  });
});
