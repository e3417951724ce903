import { describe, expect, it } from 'vitest';
import { gatewayError } from '../../../core/errors/gateway-error.js';
import { topLevelSiteRule } from '../../../core/prerequisites/top-level-site-rule.js';
import { antivirusVersionRule, edrVersionRule } from '../../../core/prerequisites/version-rules.js';
import type { SiteInfo } from '../../../core/ports/configmgr-gateway.js';
import { hotfix, readyWorld, type FakeWorld } from './fake-world.js';
import { factsOf } from './fakes.js';

function withSite(site: Partial<SiteInfo>, world: FakeWorld = readyWorld()): FakeWorld {
  return { ...world, site: { ...world.site, ...site } };
}

const on2002 = (updates: FakeWorld['updates']): FakeWorld => ({
  ...withSite({ buildNumber: 8968, version: '5.00.8968.1000' }),
  updates,
});

describe('the EDR version rule', () => {
  it('passes on 2006 and later without looking for the 2002 hotfix', async () => {
    const result = edrVersionRule(await factsOf(withSite({ buildNumber: 9012 })));
    expect(result).toMatchObject({ status: 'pass', area: 'ConfigMgr version' });
    expect(result.evidence).toContain('2006');
  });

  it('passes on 2002 with KB4563473 installed in the update history', async () => {
    const result = edrVersionRule(await factsOf(on2002([hotfix(196612, 'history')])));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain('update history');
  });

  it('fails on 2002 when KB4563473 is only downloaded, and says how to install it', async () => {
    const result = edrVersionRule(await factsOf(on2002([hotfix(262146)])));
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('downloaded, not installed (State 262146)');
    expect(result.fix).toContain('KB4563473');
    expect(result.fix).toContain('Administration > Updates and Servicing');
    expect(result.fix).toContain('Install Update Pack');
    expect(result.docLink).toMatch(/tenant-attach-intune#task-1-install-the-update-for-configuration-manager$/);
  });

  it('fails on 2002 when KB4563473 is not listed at all', async () => {
    const result = edrVersionRule(await factsOf(on2002([])));
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('KB4563473 is not listed');
  });

  it('warns on 2002 when an installed update supersedes KB4563473', async () => {
    const rollup = {
      ...hotfix(196612),
      name: 'Update Rollup for Configuration Manager 2002 (KB4560496)',
      packageGuid: 'rollup',
    };
    const result = edrVersionRule(await factsOf(on2002([{ ...hotfix(262146), supersededBy: [rollup.name] }, rollup])));
    expect(result.status).toBe('warn');
    expect(result.evidence).toContain('KB4560496');
  });

  it('fails below 2002', async () => {
    const result = edrVersionRule(await factsOf(withSite({ buildNumber: 8913 })));
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('2006 or later');
  });

  it('is unknown for a build between 2002 and 2006', async () => {
    expect(edrVersionRule(await factsOf(withSite({ buildNumber: 8987 }))).status).toBe('unknown');
  });

  it('is unknown, never passing, for a technical preview', async () => {
    const result = edrVersionRule(await factsOf(withSite({ branch: 'technicalPreview', buildNumber: 9200 })));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('technical preview 2005');
  });

  it('is unknown when the updates cannot be read on 2002', async () => {
    const world = {
      ...on2002([]),
      gatewayFailures: {
        listUpdatePackages: gatewayError('AccessDenied', 'Access denied WMI QUERY', { httpStatus: 404 }),
      },
    };
    const result = edrVersionRule(await factsOf(world));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('AccessDenied');
    expect(result.fix).toContain('security role');
  });
});

describe('the Antivirus version rule', () => {
  it('passes on 2006 (build 9012)', async () => {
    expect(antivirusVersionRule(await factsOf(withSite({ buildNumber: 9012 }))).status).toBe('pass');
  });

  it('passes on a build newer than the release map, comparing build numbers', async () => {
    const result = antivirusVersionRule(await factsOf(withSite({ buildNumber: 9200 })));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain('newer than 2503');
  });

  it('passes on a build between known releases above 2006', async () => {
    expect(antivirusVersionRule(await factsOf(withSite({ buildNumber: 9050 }))).status).toBe('pass');
  });

  it('fails on 2002 even with the hotfix', async () => {
    const result = antivirusVersionRule(await factsOf(on2002([hotfix(196612)])));
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('2006 (build 9012)');
  });

  it('is unknown for a technical preview', async () => {
    const result = antivirusVersionRule(await factsOf(withSite({ branch: 'technicalPreview', buildNumber: 9015 })));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('technical preview 2006');
  });

  it('is unknown for an unreported branch with a build between 2002 and 2006', async () => {
    expect(antivirusVersionRule(await factsOf(withSite({ branch: 'unknown', buildNumber: 8987 }))).status).toBe(
      'unknown',
    );
  });

  it('is unknown with the reason and fix when the provider is unreachable', async () => {
    const world = {
      ...readyWorld(),
      gatewayFailures: {
        getSiteInfo: gatewayError('ProviderUnreachable', 'connect ECONNREFUSED', { retryable: true }),
      },
    };
    const result = antivirusVersionRule(await factsOf(world));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('ProviderUnreachable');
    expect(result.fix).toContain('443');
  });
});

describe('the top-level site rule', () => {
  it('passes for a standalone primary', async () => {
    expect(topLevelSiteRule(await factsOf(readyWorld())).status).toBe('pass');
  });

  it('fails for a child primary and points at the CAS above it', async () => {
    const result = topLevelSiteRule(await factsOf(withSite({ isTopLevel: false, siteCode: 'PS2' })));
    expect(result.status).toBe('fail');
    expect(result.evidence).toContain('PS2');
    expect(result.fix).toContain('central administration site');
  });

  it('is unknown when the site cannot be read', async () => {
    const world = {
      ...readyWorld(),
      gatewayFailures: { getSiteInfo: gatewayError('Unauthenticated', 'HTTP 401', { httpStatus: 401 }) },
    };
    const result = topLevelSiteRule(await factsOf(world));
    expect(result.status).toBe('unknown');
    expect(result.fix).toContain('AdminService credentials');
  });
});
