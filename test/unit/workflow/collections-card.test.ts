import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionsCommand } from '../../../bot/commands/collections.js';
import { collectionsEnableVerb } from '../../../bot/verbs/collections-enable.js';
import { dispatchVerb } from '../../../bot/verbs/dispatch-verb.js';
import { verbs } from '../../../bot/verbs/index.js';
import { pageLine, UNKNOWN_ENDPOINT_SECURITY } from '../../../cards/views/collections-view.js';
import { COLLECTIONS_PAGE_SIZE, type CollectionListing } from '../../../core/workflow/collection-listing.js';
import { testCommandContext } from '../../support/app-services.js';
import { executeVerbs } from '../../support/card-parser.js';
import { appHarness } from './app-harness.js';
import { device, FakeWorld } from './fakes.js';
import { alex } from './step-context.js';

function world(): FakeWorld {
  const fake = new FakeWorld([
    device('PS100042', 'Finance Laptops'),
    device('PS100050', 'Servers'),
    device('PS100060', 'Shop Floor'),
  ]);
  fake.attached = true;
  fake.uploadScope = { kind: 'all' };
  fake.synced = ['PS100042'];
  fake.endpointSecurity.add('PS100042');
  return fake;
}

function enableTargets(card: unknown): string[] {
  const json = JSON.stringify(card);
  return [...json.matchAll(/"verb":"collections\.enable","data":\{"collectionId":"(\w+)"\}/g)].map(
    (match) => match[1]!,
  );
}

describe('the collections card', () => {
  it('offers Enable on the rows not yet enabled, to an operator only', async () => {
    const operator = appHarness(world());
    const operatorCard = await collectionsCommand.run({}, operator.context);
    expect(enableTargets(operatorCard)).toEqual(['PS100050', 'PS100060']);

    const reader = testCommandContext({ services: operator.services, actor: alex, roles: ['reader'] });
    const readerCard = await collectionsCommand.run({}, reader);
    expect(executeVerbs(readerCard)).not.toContain('collections.enable');
    expect(JSON.stringify(readerCard)).toContain('Servers');
  });

  it("refuses a reader's (or stranger's) click on Enable server-side and starts no run", async () => {
    const harness = appHarness(world());
    for (const roles of [['reader'], []] as const) {
      const context = { ...testCommandContext({ services: harness.services, actor: alex, roles: [...roles] }) };
      const value = {
        action: { type: 'Action.Execute', verb: 'collections.enable', data: { collectionId: 'PS100050' } },
      };
      const card = await dispatchVerb(value, verbs, context);
      expect(JSON.stringify(card)).toMatch(/needs the operator role|does not know you|only help/);
    }
    expect(await harness.runs.list()).toEqual([]);
  });

  it("an operator's click starts the enable run for that collection, as the enable command would", async () => {
    const harness = appHarness(world());
    const card = await collectionsEnableVerb.run({ collectionId: 'PS100050' }, harness.context);
    expect(JSON.stringify(card)).toMatch(/Started run \w+/);
    expect(JSON.stringify(card)).toContain('Servers (PS100050)');
  });

  it('explains "unknown" endpoint security in plain words, and keeps the error code behind Details', async () => {
    const fake = world();
    fake.failing.set('listCollectionCloudSync', 'ProviderUnreachable');
    const card = await collectionsCommand.run({}, appHarness(fake).context);
    const json = JSON.stringify(card);
    expect(json).toContain('endpoint security: unknown');
    expect(UNKNOWN_ENDPOINT_SECURITY).toMatch(/means ConfigMgr did not say whether/);
    expect(json).toContain('means ConfigMgr did not say whether the collection is enabled for endpoint security');
    expect(json).toContain('"id":"details","isVisible":false');
    expect(json).toMatch(/"type":"Action.ToggleVisibility","title":"Details","targetElements":\["details"\]/);
    const visible = JSON.stringify((card?.body as { id?: string }[]).filter((element) => element.id !== 'details'));
    expect(visible).not.toContain('ProviderUnreachable');
  });

  it('says "n collections · page x of y" for any total and page', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 1000 }), (total, page) => {
        const listing = { query: { enabledOnly: false, page }, total } as unknown as CollectionListing;
        const pages = Math.max(1, Math.ceil(total / COLLECTIONS_PAGE_SIZE));
        const [count, of] = pageLine(listing).split(' · ');
        expect(count).toBe(`${total.toLocaleString('en-US')} ${total === 1 ? 'collection' : 'collections'}`);
        expect(of).toBe(`page ${Math.min(page, pages)} of ${pages}`);
      }),
    );
  });
});
