import { describe, expect, it, vi } from 'vitest';
import { UpstreamForbidden, UpstreamUnauthorized } from '../../../core/errors/upstream-error.js';
import { cloudRule } from '../../../core/prerequisites/cloud-rule.js';
import { DEFENDER_HEARTBEAT_MAX_AGE_HOURS, defenderRule } from '../../../core/prerequisites/defender-rule.js';
import { globalAdministratorRule } from '../../../core/prerequisites/global-admin-rule.js';
import { ALEX, NOW, readyWorld, SCENARIO_WORLDS, type FakeWorld } from './fake-world.js';
import { createFakeTenant, factsOf } from './fakes.js';
import { gatherFacts } from '../../../core/prerequisites/gather-facts.js';

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

describe('the Global Administrator rule and Privileged Identity Management (graph-intune.md §12.1)', () => {
  function eligibleWorld(): FakeWorld {
    const world = SCENARIO_WORLDS['not-admin']();
    world.eligibleGlobalAdministrators = new Set([ALEX.aadObjectId]);
    return world;
  }

  async function gathered(
    world: FakeWorld,
  ): Promise<{ calls: string[]; result: ReturnType<typeof globalAdministratorRule> }> {
    const tenant = createFakeTenant(world);
    const facts = await gatherFacts(tenant.services, { profile: 'all', requester: ALEX, now: NOW });
    return { calls: tenant.calls, result: globalAdministratorRule(facts, 'attach') };
  }

  it('passes for an active Global Administrator without reading eligibility', async () => {
    const { calls, result } = await gathered(readyWorld());
    expect(result.status).toBe('pass');
    expect(calls).toContain('directory.isGlobalAdministrator');
    expect(calls).not.toContain('eligibility.globalAdministratorEligibility');
  });

  it('tells someone eligible but not active to activate the role in PIM, then check again', async () => {
    const { calls, result } = await gathered(eligibleWorld());
    expect(calls).toContain('eligibility.globalAdministratorEligibility');
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('eligible for the Global Administrator role in Privileged Identity Management');
    expect(result.fix).toMatch(/^Activate the role in Privileged Identity Management.*then check again\.$/);
  });

  it('warns rather than fails in a plain report for someone eligible but not active', async () => {
    const result = globalAdministratorRule(await factsOf(eligibleWorld()), 'report');
    expect(result.status).toBe('warn');
    expect(result.evidence).toContain('only tenant attach needs it');
  });

  it("keeps today's message for someone neither active nor eligible", async () => {
    const { result } = await gathered(SCENARIO_WORLDS['not-admin']());
    expect(result.status).toBe('fail');
    expect(result.evidence).toBe(
      'Alex Wilber does not hold the Global Administrator role, directly or through a group.',
    );
    expect(result.fix).toContain('Ask a Global Administrator to run attach');
    expect(result.fix).not.toContain('Privileged Identity Management');
  });

  it('names both possibilities and the permission that tells them apart when eligibility may not be read', async () => {
    const world = eligibleWorld();
    world.eligibilityReadPermitted = false;
    const { result } = await gathered(world);
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('not a Global Administrator');
    expect(result.evidence).toContain('eligible in Privileged Identity Management but has not activated the role');
    expect(result.evidence).toContain('lacks RoleEligibilitySchedule.Read.Directory');
    expect(result.fix).toContain('activate the role in Privileged Identity Management');
    expect(result.fix).toContain('Ask a Global Administrator to run attach');
    expect(result.fix).toContain('RoleEligibilitySchedule.Read.Directory');
  });

  it('names both possibilities with the reason when the eligibility read fails otherwise', async () => {
    const world = eligibleWorld();
    world.thrown = {
      eligibility: new UpstreamUnauthorized({ upstream: 'graph', operation: 'read eligibility', status: 401 }),
    };
    const { result } = await gathered(world);
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('either Alex Wilber is not a Global Administrator, or is eligible');
    expect(result.evidence).toContain('Could not read your Privileged Identity Management eligibility');
  });

  it('reads eligibility beside the Cloud Sync read: neither waits for the other (no extra round trip)', async () => {
    const tenant = createFakeTenant(eligibleWorld());
    const directory = tenant.services.directory;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const services = {
      ...tenant.services,
      directory: {
        ...directory,
        globalAdministratorEligibility: async (userId: string) => {
          await held;
          return directory.globalAdministratorEligibility(userId);
        },
      },
    };
    const reads = gatherFacts(services, { profile: 'all', requester: ALEX, now: NOW });
    // The eligibility answer is held back: the Cloud Sync read must start anyway.
    await vi.waitFor(() => expect(tenant.calls).toContain('configMgr.getCollectionCloudSync'));
    release();
    const facts = await reads;
    expect(tenant.calls).toContain('eligibility.globalAdministratorEligibility');
    expect(globalAdministratorRule(facts, 'attach').evidence).toContain('has not activated it');
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
