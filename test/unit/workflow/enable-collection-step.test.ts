import { describe, expect, it } from 'vitest';
import { parseGuidance } from '../../../core/workflow/guidance.js';
import { createEnableCollectionStep } from '../../../core/workflow/steps/enable-collection-step.js';
import { device, FakeWorld, manyCollections } from './fakes.js';
import { check, perform } from './step-context.js';

const FINANCE = { collectionId: 'PS100042', collectionName: 'Finance Laptops' };

function setup() {
  const world = new FakeWorld([
    device('PS100042', 'Finance Laptops'),
    device('PS100050', 'Servers'),
    { ...device('PS100060', 'Finance Users'), type: 'user' },
  ]);
  world.attached = true;
  return { world, handler: createEnableCollectionStep(world.services()) };
}

describe('enable-collection check', () => {
  it('is done only when the Cloud Sync option is on and Intune lists the collection', async () => {
    const { world, handler } = setup();
    expect(await check(handler, FINANCE)).toEqual({
      done: false,
      seen: expect.stringContaining('Cloud Sync settings'),
      awaiting: 'the endpoint security option ticked there',
    });
    world.enableInConsole('PS100042', { synced: false });
    expect(await check(handler, FINANCE)).toEqual({
      done: false,
      seen: expect.stringContaining('has the endpoint security option ticked in ConfigMgr'),
      awaiting: expect.stringContaining('Intune listing it among the synced collections'),
    });
    world.synced.push('PS100042');
    expect(await check(handler, FINANCE)).toMatchObject({
      done: true,
      outcome: { collectionId: 'PS100042', intuneId: 'intune-ps100042' },
    });
  });

  it('pages through Intune until it finds the collection', async () => {
    const { world, handler } = setup();
    for (const collection of manyCollections(250)) world.collections.set(collection.id, collection);
    world.synced = manyCollections(250).map((collection) => collection.id);
    world.enableInConsole('PS100042');
    expect(await check(handler, FINANCE)).toMatchObject({ done: true });
    expect(world.count('intune.listSyncedCollections')).toBe(3);
  });
});

describe('enable-collection perform', () => {
  it('guides the Cloud Sync tab, with the cmdlet line on 2203', async () => {
    const { handler } = setup();
    const outcome = await perform(handler, FINANCE);
    expect(outcome.kind).toBe('waiting-for-admin');
    const guidance = outcome.kind === 'waiting-for-admin' ? parseGuidance(outcome.guidance) : undefined;
    expect(guidance?.steps.join('\n')).toContain('Assets and Compliance > Device Collections > Finance Laptops');
    expect(guidance?.commandLine).toBe(
      'Set-CMCollectionCloudSync -Id PS100042 -EnableAssignEndpointSecurityPolicy $true',
    );
  });

  it('omits the cmdlet line before 2203', async () => {
    const { world, handler } = setup();
    world.site = { ...world.site, buildNumber: 9068 };
    const outcome = await perform(handler, FINANCE);
    expect(
      outcome.kind === 'waiting-for-admin' ? parseGuidance(outcome.guidance)?.commandLine : 'not waiting',
    ).toBeUndefined();
  });

  it('refuses an unknown collection', async () => {
    const { handler } = setup();
    expect(await perform(handler, { collectionId: 'PS1000FF', collectionName: 'Gone' })).toMatchObject({
      kind: 'failed',
      problem: { title: 'Collection not found', fix: expect.stringContaining('collections --filter') },
    });
  });

  it('refuses a user collection', async () => {
    const { handler } = setup();
    expect(await perform(handler, { collectionId: 'PS100060', collectionName: 'Finance Users' })).toMatchObject({
      kind: 'failed',
      problem: {
        title: 'Not a device collection',
        message: expect.stringContaining('Finance Users (PS100060) is a user collection'),
      },
    });
  });

  it('sends the user to attach first when the hierarchy is not attached', async () => {
    const { world, handler } = setup();
    world.attached = false;
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: { fix: expect.stringContaining('Type attach first') },
    });
  });

  it('refuses a collection outside the upload scope, naming the scope and the fix', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'collection', collectionId: 'PS100050' };
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: {
        title: 'Collection outside the upload scope',
        message: expect.stringContaining('the upload scope is the collection PS100050'),
        fix: expect.stringContaining('Configure upload'),
      },
    });
  });

  it('refuses when the bot is connected to a child site, naming it', async () => {
    const { world, handler } = setup();
    world.site = { ...world.site, siteCode: 'PS2', siteName: 'Contoso Branch', isTopLevel: false };
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: {
        title: 'Not the top-level site',
        message: expect.stringContaining('PS2 (Contoso Branch), a child primary site'),
      },
    });
  });

  it('refuses Azure Government', async () => {
    const { world, handler } = setup();
    world.tenantCloud = 'AzureUSGovernmentCloud';
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: { message: expect.stringContaining("Azure Government isn't supported for this scenario") },
    });
  });

  it('turns an unreachable SMS Provider into a problem with a fix', async () => {
    const { world, handler } = setup();
    world.failing.set('getCollection', 'ProviderUnreachable');
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: { title: 'The SMS Provider is unreachable', fix: expect.stringContaining('443') },
    });
  });
});
