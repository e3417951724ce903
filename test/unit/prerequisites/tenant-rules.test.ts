import { describe, expect, it } from 'vitest';
import { UpstreamForbidden, UpstreamUnauthorized } from '../../../core/errors/upstream-error.js';
import { cloudRule } from '../../../core/prerequisites/cloud-rule.js';
import { DEFENDER_HEARTBEAT_MAX_AGE_HOURS, defenderRule } from '../../../core/prerequisites/defender-rule.js';
import { globalAdministratorRule } from '../../../core/prerequisites/global-admin-rule.js';
import { ALEX, NOW, readyWorld, SCENARIO_WORLDS, type FakeWorld } from './fake-world.js';
import { factsOf } from './fakes.js';

const hoursAgo = (hours: number): Date => new Date(NOW.getTime() - hours * 3_600_000);
const withDefender = (defender: FakeWorld['defender']): FakeWorld => ({ ...readyWorld(), defender });

describe('the Defender for Endpoint rule', () => {
  it('passes when enabled with a recent heartbeat', async () => {
    expect(defenderRule(await factsOf(readyWorld())).status).toBe('pass');
  });

  it(`warns when the heartbeat is older than ${DEFENDER_HEARTBEAT_MAX_AGE_HOURS} hours`, async () => {
    const result = defenderRule(
      await factsOf(
        withDefender({
          partnerState: 'enabled',
          lastHeartbeat: hoursAgo(DEFENDER_HEARTBEAT_MAX_AGE_HOURS + 1),
          windowsEnabled: true,
        }),
      ),
    );
    expect(result.status).toBe('warn');
    expect(result.evidence).toContain('25 hours old');
  });

  it('warns when enabled but Windows devices are not connected', async () => {
    expect(
      defenderRule(
        await factsOf(withDefender({ partnerState: 'enabled', lastHeartbeat: hoursAgo(1), windowsEnabled: false })),
      ).status,
    ).toBe('warn');
  });

  it('warns when the partner is unresponsive', async () => {
    expect(
      defenderRule(
        await factsOf(withDefender({ partnerState: 'unresponsive', lastHeartbeat: hoursAgo(1), windowsEnabled: true })),
      ).status,
    ).toBe('warn');
  });

  it.each(['available', 'unavailable'] as const)(
    'fails when the partner state is %s, naming both toggles',
    async (partnerState) => {
      const result = defenderRule(
        await factsOf(withDefender({ partnerState, lastHeartbeat: undefined, windowsEnabled: false })),
      );
      expect(result.status).toBe('fail');
      expect(result.fix).toContain('Settings > Endpoints > Advanced features');
      expect(result.fix).toContain('Microsoft Intune connection');
      expect(result.fix).toContain('Endpoint security > Microsoft Defender for Endpoint');
    },
  );

  it('fails when the connector was never configured', async () => {
    expect(defenderRule(await factsOf(withDefender('not-configured'))).status).toBe('fail');
  });

  it('is unknown with a permission fix when Graph refuses the read', async () => {
    const world = {
      ...readyWorld(),
      thrown: { defender: new UpstreamForbidden({ upstream: 'graph', operation: 'read the connector', status: 403 }) },
    };
    const result = defenderRule(await factsOf(world));
    expect(result.status).toBe('unknown');
    expect(result.fix).toContain('application permission');
  });
});

describe('the Global Administrator rule', () => {
  it('passes for a Global Administrator', async () => {
    expect(globalAdministratorRule(await factsOf(readyWorld()), 'report').status).toBe('pass');
  });

  it('warns in a plain report when the user is not one, since only attach needs it', async () => {
    const result = globalAdministratorRule(await factsOf(SCENARIO_WORLDS['not-admin']()), 'report');
    expect(result.status).toBe('warn');
    expect(result.evidence).toContain('only tenant attach needs it');
  });

  it('fails for attach when the user is not one', async () => {
    expect(globalAdministratorRule(await factsOf(SCENARIO_WORLDS['not-admin']()), 'attach').status).toBe('fail');
  });

  it('is unknown, without asking the directory, for a user with no Azure AD object id', async () => {
    const facts = await factsOf(readyWorld(), { requester: { name: 'Guest' } });
    const result = globalAdministratorRule(facts, 'attach');
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('Azure AD object id');
    expect(facts.globalAdministrator.status).toBe('skipped');
  });

  it('is unknown with a credentials fix when Graph rejects the app', async () => {
    const world = {
      ...readyWorld(),
      thrown: { directory: new UpstreamUnauthorized({ upstream: 'graph', operation: 'read roles', status: 401 }) },
    };
    const result = globalAdministratorRule(await factsOf(world), 'report');
    expect(result.status).toBe('unknown');
    expect(result.fix).toContain('GRAPH_CLIENT_ID');
  });

  it('asks the directory about the requester from the activity', async () => {
    const world = readyWorld();
    world.globalAdministrators = new Set(['someone-else']);
    expect(globalAdministratorRule(await factsOf(world, { requester: ALEX }), 'report').status).toBe('warn');
  });
});

describe('the Azure public cloud rule', () => {
  it('passes when the identity platform and ConfigMgr both say AzurePublicCloud', async () => {
    expect(cloudRule(await factsOf(readyWorld())).status).toBe('pass');
  });

  it('passes before tenant attach on the identity platform alone', async () => {
    const result = cloudRule(await factsOf(SCENARIO_WORLDS.fresh()));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain('choose AzurePublicCloud');
  });

  it('fails for Azure Government', async () => {
    const result = cloudRule(await factsOf(SCENARIO_WORLDS['gov-cloud']()));
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain("Azure Government isn't supported for this scenario");
  });

  it('fails when only ConfigMgr onboarded to Azure China', async () => {
    const world = readyWorld();
    world.attach = { ...world.attach, cloud: 'AzureChinaCloud' };
    const result = cloudRule(await factsOf(world));
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain("Azure China isn't supported");
  });

  it('is unknown when the identity metadata cannot be read', async () => {
    const world = { ...readyWorld(), thrown: { cloud: new Error('getaddrinfo ENOTFOUND login.microsoftonline.com') } };
    const result = cloudRule(await factsOf(world));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('ENOTFOUND');
  });

  it('is unknown when attached but ConfigMgr does not report its environment', async () => {
    const world = readyWorld();
    world.attach = { ...world.attach, cloud: 'Unknown' };
    expect(cloudRule(await factsOf(world)).status).toBe('unknown');
  });
});
