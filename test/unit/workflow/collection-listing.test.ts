import { describe, expect, it } from 'vitest';
import { collectionsCommand } from '../../../bot/commands/collections.js';
import { collectionsPageVerb } from '../../../bot/verbs/collections-page.js';
import { COLLECTIONS_PAGE_SIZE, listCollectionPage } from '../../../core/workflow/collection-listing.js';
import { cardProblems, executeVerbs } from '../../support/card-parser.js';
import { appHarness } from './app-harness.js';
import { device, FakeWorld, manyCollections } from './fakes.js';

const MAX_CARD_BYTES = 28 * 1024;
const LONG_NAME = (index: number) =>
  `${'Contoso Worldwide Windows 11 Enterprise Devices – Finance & Accounting – '.repeat(4)}${index}`;

function large(nameOf?: (index: number) => string) {
  const world = new FakeWorld(manyCollections(10_000, nameOf));
  world.attached = true;
  world.uploadScope = { kind: 'all' };
  world.synced = ['PS100100', 'PS100105', 'PS1001F0'];
  for (const id of world.synced) world.endpointSecurity.add(id);
  return world;
}

function cardJson(card: unknown): string {
  return JSON.stringify(card);
}

describe('collections listing over 10,000 collections', () => {
  it('returns the first page after a small, bounded number of port calls', async () => {
    const world = large();
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 1 });
    expect(listing.rows).toHaveLength(COLLECTIONS_PAGE_SIZE);
    expect(listing.hasNext).toBe(true);
    expect(world.count('configMgr.listCollections')).toBe(1);
    expect(world.count('configMgr.getTenantAttachState')).toBe(1);
    expect(world.count('intune.findSyncedCollections')).toBe(1);
    expect(world.count('intune.listSyncedCollections')).toBe(0);
    expect(world.count('configMgr.listCollectionCloudSync')).toBe(1);
    expect(world.count('configMgr.getCollectionCloudSync')).toBe(0);
    expect(world.count('configMgr.countCollections')).toBe(1);
    expect(world.calls).toHaveLength(5);
    expect(listing.total).toBe(10_000);
    expect(listing.rows[0]).toEqual({
      id: 'PS100100',
      name: 'Collection 00000',
      memberCount: 10,
      inUploadScope: true,
      syncedToIntune: true,
      endpointSecurity: true,
    });
    expect(listing.rows[1]).toMatchObject({ id: 'PS100101', syncedToIntune: false, endpointSecurity: false });
  });

  it("reads the page's second round (synced rows, Cloud Sync) while the total is still being counted", async () => {
    const world = large();
    const secondRound = Promise.all([
      world.called('configMgr.listCollectionCloudSync'),
      world.called('intune.findSyncedCollections'),
    ]);
    world.held.set(
      'countCollections',
      secondRound.then(() => undefined),
    );
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 1 });
    expect(listing.total).toBe(10_000);
    expect(world.calls.indexOf('configMgr.listCollectionCloudSync')).toBeGreaterThan(
      world.calls.indexOf('configMgr.countCollections'),
    );
  }, 5_000);

  it('shows the page with a note when counting throws instead of answering', async () => {
    const world = large();
    world.held.set('countCollections', Promise.reject(new Error('socket hang up')));
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 1 });
    expect(listing.rows).toHaveLength(COLLECTIONS_PAGE_SIZE);
    expect(listing.total).toBeUndefined();
    expect(listing.notes).toContain('The total number of collections could not be counted.');
  });

  it('renders a valid card under 28 KB even with very long names, with a Next button for the following page', async () => {
    const world = large(LONG_NAME);
    const { context } = appHarness(world);
    const card = await collectionsCommand.run({}, context);
    const json = cardJson(card);
    expect(cardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
    expect([...new Set(executeVerbs(card))].sort()).toEqual(['collections.enable', 'collections.page']);
    expect(json).toContain('10,000 collections · page 1 of 500');
    expect(json).toContain('"data":{"page":2,"total":10000}');
    expect(json).toContain('upload scope: yes · synced to Intune: yes · endpoint security: yes');
  });

  it('pages with the collections.page verb, keeping the filter', async () => {
    const world = large();
    const { context } = appHarness(world);
    const card = await collectionsPageVerb.run({ page: 2, filter: 'Collection 000' }, context);
    const json = cardJson(card);
    expect(json).toContain('Collection 00020');
    expect(json).not.toContain('Collection 00019');
    expect(json).toContain('"data":{"page":1,"filter":"Collection 000","total":100}');
    expect(json).toContain('"data":{"page":3,"filter":"Collection 000","total":100}');
    expect(json).toContain('100 collections · page 2 of 5');
    expect(world.count('configMgr.listCollections')).toBe(1);
  });

  it('has no Next button on the last page', async () => {
    const world = large();
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 500 });
    expect(listing.rows).toHaveLength(20);
    expect(listing.hasNext).toBe(false);
  });

  it("asks Intune only about the page's collections, however long Intune's list is", async () => {
    const world = large();
    world.synced = manyCollections(10_000)
      .map((collection) => collection.id)
      .reverse();
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 1 });
    expect(world.count('intune.findSyncedCollections')).toBe(1);
    expect(world.count('intune.listSyncedCollections')).toBe(0);
    expect(listing.rows.every((row) => row.syncedToIntune === true)).toBe(true);
    expect(listing.notes).toEqual([]);
  });

  it('with --enabled, stops reading Intune early and says so when its list is longer than the read limit', async () => {
    const world = large();
    world.synced = manyCollections(10_000)
      .map((collection) => collection.id)
      .reverse();
    const listing = await listCollectionPage(world.services(), { enabledOnly: true, page: 1 });
    expect(world.count('intune.listSyncedCollections')).toBe(10);
    expect(world.count('configMgr.listCollections')).toBe(1);
    expect(world.count('configMgr.listCollectionCloudSync')).toBe(1);
    expect(listing.notes.join(' ')).toContain('only its first part was read');
  });
});

describe('collections listing states', () => {
  it('lists only Intune-listed collections with --enabled', async () => {
    const world = large();
    const listing = await listCollectionPage(world.services(), { enabledOnly: true, page: 1 });
    expect(listing.rows.map((row) => row.id)).toEqual(['PS100100', 'PS100105', 'PS1001F0']);
    expect(listing.hasNext).toBe(false);
    expect(world.count('configMgr.listCollections')).toBe(1);
    expect(world.count('configMgr.getCollection')).toBe(0);
  });

  it('before tenant attach, marks nothing uploaded and reads nothing from Intune', async () => {
    const world = new FakeWorld([device('PS100042', 'Finance Laptops')]);
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 1 });
    expect(listing.rows[0]).toMatchObject({ inUploadScope: false, syncedToIntune: false });
    expect(world.count('intune.listSyncedCollections')).toBe(0);
    expect(world.count('intune.findSyncedCollections')).toBe(0);
  });

  it('shows unknown, with a note, when Intune cannot be read, and scope per collection', async () => {
    const world = new FakeWorld([device('PS100042', 'Finance Laptops'), device('PS100050', 'Servers')]);
    world.attached = true;
    world.uploadScope = { kind: 'collection', collectionId: 'PS100042' };
    world.intuneFails = true;
    const listing = await listCollectionPage(world.services(), { enabledOnly: false, page: 1 });
    expect(listing.rows.map((row) => [row.id, row.inUploadScope, row.syncedToIntune])).toEqual([
      ['PS100042', true, 'unknown'],
      ['PS100050', false, 'unknown'],
    ]);
    expect(listing.notes).toEqual([
      "Intune's list of synced collections could not be read, so synced to Intune may show as unknown.",
    ]);
  });

  it('says when no collection matches the filter', async () => {
    const world = new FakeWorld([device('PS100042', 'Finance Laptops')]);
    const { context } = appHarness(world);
    const json = cardJson(await collectionsCommand.run({ filter: 'Zebra' }, context));
    expect(json).toContain('No device collection name starts with \\"Zebra\\"');
    expect(json).not.toContain('collections.page');
  });

  it('refuses with a fix when the collections cannot be listed', async () => {
    const world = new FakeWorld();
    world.failing.set('listCollections', 'Unauthenticated');
    await expect(listCollectionPage(world.services(), { enabledOnly: false, page: 1 })).rejects.toMatchObject({
      fix: expect.stringContaining('AdminService credentials'),
    });
  });
});
