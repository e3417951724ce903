import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { checkCommand } from '../../../bot/commands/check.js';
import { helpCommand } from '../../../bot/commands/help.js';
import { commands } from '../../../bot/commands/index.js';
import { kebab } from '../../../core/policies/create-flags.js';
import { requireSiteSupports } from '../../../core/policies/site-version-gate.js';
import { profiles } from '../../../core/policy/catalog/index.js';
import type { UpdatePackage } from '../../../core/ports/configmgr-gateway.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeTenant, SITE_2002, SITE_2203 } from '../policies/fakes.js';
import { ALEX, NOW, readyWorld, type FakeWorld } from './fake-world.js';
import { createFakeTenant } from './fakes.js';

const SITE_2006 = { ...SITE_2203, version: '5.00.9012.1000', buildNumber: 9012 };
const KB4578605: UpdatePackage = {
  name: 'Configuration Manager 2006 Hotfix (KB4578605)',
  packageGuid: 'g-2',
  state: 196612,
  installed: true,
  updateType: 'qfe',
  supersededBy: [],
  source: 'history',
};

function contextFor(world: FakeWorld) {
  const services = testAppServices({ clock: new FakeClock(NOW.getTime()), tenant: createFakeTenant(world).services });
  return testCommandContext({ services, actor: { ...ALEX, channelUserId: '29:alex' }, commands });
}

describe('check <profile> for every profile of the catalog', () => {
  it.each(profiles.map((profile) => profile.id))('check %s binds and reports that profile', async (id) => {
    expect(bindArguments(checkCommand, [id])).toEqual({ ok: true, args: { profile: id } });
    const card = JSON.stringify(await checkCommand.run({ profile: id }, contextFor(readyWorld())));
    const short = profiles.find((profile) => profile.id === id)?.short ?? '';
    expect(card).toContain(`${short} policy prerequisites`);
    expect(card).toContain(`policy create ${id}`);
  });

  it('Firewall needs 2006 with KB4578605: failing without it on 2006, passing with it or on a later release', async () => {
    const world = readyWorld();
    const on2006 = { ...world, site: { ...world.site, version: '5.00.9012.1000', buildNumber: 9012 } };
    const without = JSON.stringify(await checkCommand.run({ profile: 'firewall' }, contextFor(on2006)));
    expect(without).toContain('KB4578605 is not installed');
    expect(without).toContain('Not ready');
    const withIt = JSON.stringify(
      await checkCommand.run({ profile: 'firewall' }, contextFor({ ...on2006, updates: [KB4578605] })),
    );
    expect(withIt).toContain('with Configuration Manager 2006 Hotfix (KB4578605) installed');
    const later = JSON.stringify(await checkCommand.run({ profile: 'firewall' }, contextFor(world)));
    expect(later).toContain('releases after 2006 include KB4578605');
  });

  it('policy create refuses a ConfigMgr profile the site cannot take, by the catalog minimum', async () => {
    const tenant = new FakeTenant();
    tenant.site = SITE_2002;
    await expect(requireSiteSupports(tenant.services().configMgr, 'firewall')).rejects.toSatisfy(isUserFacingError);
    await expect(requireSiteSupports(tenant.services().configMgr, 'asr-rules')).rejects.toSatisfy(isUserFacingError);
    tenant.site = SITE_2006;
    await expect(requireSiteSupports(tenant.services().configMgr, 'firewall')).rejects.toThrow(/KB4578605/);
    tenant.updates = [KB4578605];
    await expect(requireSiteSupports(tenant.services().configMgr, 'firewall')).resolves.toBeUndefined();
    await expect(requireSiteSupports(tenant.services().configMgr, 'asr-rules')).resolves.toBeUndefined();
  });
});

describe('help policy create <profile>', () => {
  const context = () =>
    testCommandContext({ services: testAppServices(), actor: { ...ALEX, channelUserId: '29:alex' }, commands });

  it.each(profiles.map((profile) => profile.id))('lists exactly the flags of %s', async (id) => {
    const bound = bindArguments(helpCommand, ['policy', 'create', id]);
    expect(bound.ok).toBe(true);
    if (!bound.ok) return;
    const card = JSON.stringify(await helpCommand.run(bound.args as never, context()));
    const own = new Set(profiles.find((profile) => profile.id === id)?.flags.map((flag) => flag.key));
    for (const profile of profiles) {
      for (const flag of profile.flags) {
        const shown = new RegExp(`--${kebab(flag.key)}(?![a-z-])`).test(card);
        expect({ flag: flag.key, shown }).toEqual({ flag: flag.key, shown: own.has(flag.key) });
      }
    }
  });
});
