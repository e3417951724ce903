import { describe, expect, it } from 'vitest';
import { gatewayError } from '../../../core/errors/gateway-error.js';
import { UpstreamThrottled } from '../../../core/errors/upstream-error.js';
import { checkPrerequisites } from '../../../core/prerequisites/check-prerequisites.js';
import type { PrerequisiteReport } from '../../../core/prerequisites/report.js';
import type { CheckPurpose, Profile, RuleResult, RuleStatus } from '../../../core/prerequisites/rule-result.js';
import { ALEX, NOW, readyWorld, SCENARIO_WORLDS, type FakeWorld } from './fake-world.js';
import { createFakeTenant } from './fakes.js';
import { wordingProblems } from '../../support/wording.js';

async function check(
  world: FakeWorld,
  profile: Profile = 'all',
  purpose: CheckPurpose = 'report',
): Promise<PrerequisiteReport> {
  return checkPrerequisites(createFakeTenant(world).services, { profile, purpose, requester: ALEX, now: NOW });
}

function rules(report: PrerequisiteReport): RuleResult[] {
  return report.areas.flatMap((area) => area.rules);
}

function idsWith(report: PrerequisiteReport, status: RuleStatus): string[] {
  return rules(report)
    .filter((rule) => rule.status === status)
    .map((rule) => rule.id)
    .sort();
}

function notPassing(report: PrerequisiteReport): Record<string, string[]> {
  return { fail: idsWith(report, 'fail'), unknown: idsWith(report, 'unknown'), warn: idsWith(report, 'warn') };
}

const AFTER_ATTACH = [
  'attach.upload-scope',
  'collections.enabled',
  'collections.in-upload-scope',
  'collections.synced',
];

describe('the scenario matrix', () => {
  it('ready: every rule passes for both profiles', async () => {
    const report = await check(readyWorld());
    expect(notPassing(report)).toEqual({ fail: [], unknown: [], warn: [] });
    expect(report.verdicts).toEqual([
      { profile: 'edr', verdict: 'ready' },
      { profile: 'antivirus', verdict: 'ready' },
    ]);
  });

  it('fresh: only tenant attach is missing; the collection rules wait for it', async () => {
    const report = await check(SCENARIO_WORLDS.fresh());
    expect(notPassing(report)).toEqual({ fail: ['attach.configured'], unknown: AFTER_ATTACH, warn: [] });
    expect(report.verdict).toBe('not-ready');
  });

  it('cb2002-no-hotfix: check edr fails naming KB4563473, and nothing else', async () => {
    const report = await check(SCENARIO_WORLDS['cb2002-no-hotfix'](), 'edr');
    expect(notPassing(report)).toEqual({ fail: ['configmgr.version.edr'], unknown: [], warn: [] });
    expect(rules(report)[0]?.fix).toContain('KB4563473');
  });

  it('cb2002-no-hotfix: check antivirus fails on the version, and nothing else', async () => {
    const report = await check(SCENARIO_WORLDS['cb2002-no-hotfix'](), 'antivirus');
    expect(notPassing(report)).toEqual({ fail: ['configmgr.version.antivirus'], unknown: [], warn: [] });
    expect(rules(report)[0]?.evidence).toContain('2006');
  });

  it('cb2002-hotfix: EDR is ready, Antivirus fails on the version', async () => {
    const report = await check(SCENARIO_WORLDS['cb2002-hotfix']());
    expect(notPassing(report)).toEqual({ fail: ['configmgr.version.antivirus'], unknown: [], warn: [] });
    expect(report.verdicts).toEqual([
      { profile: 'edr', verdict: 'ready' },
      { profile: 'antivirus', verdict: 'not-ready' },
    ]);
  });

  it('gov-cloud: fails on the cloud, and nothing else', async () => {
    expect(notPassing(await check(SCENARIO_WORLDS['gov-cloud']()))).toEqual({
      fail: ['cloud.public'],
      unknown: [],
      warn: [],
    });
  });

  it('mde-off: fails on the Defender connector, and nothing else', async () => {
    expect(notPassing(await check(SCENARIO_WORLDS['mde-off']()))).toEqual({
      fail: ['defender.connector'],
      unknown: [],
      warn: [],
    });
  });

  it('not-admin: a plain check warns on the role only', async () => {
    const report = await check(SCENARIO_WORLDS['not-admin']());
    expect(notPassing(report)).toEqual({ fail: [], unknown: [], warn: ['permissions.global-administrator'] });
    expect(report.verdict).toBe('ready-with-warnings');
  });

  it('not-admin: a check for attach fails on the role only', async () => {
    const report = await check(SCENARIO_WORLDS['not-admin'](), 'all', 'attach');
    expect(notPassing(report)).toEqual({ fail: ['permissions.global-administrator'], unknown: [], warn: [] });
  });
});

describe('an upstream failure of one port', () => {
  const cases: [string, (world: FakeWorld) => void, string[]][] = [
    [
      'Defender connector',
      (world) =>
        (world.thrown.defender = new UpstreamThrottled({ upstream: 'graph', operation: 'read the connector' }, 5)),
      ['defender.connector'],
    ],
    [
      'directory',
      (world) => (world.thrown.directory = new Error('socket hang up')),
      ['permissions.global-administrator'],
    ],
    ['identity metadata', (world) => (world.thrown.cloud = new Error('ENOTFOUND')), ['cloud.public']],
    [
      'Intune collections',
      (world) => (world.thrown.collections = new Error('ETIMEDOUT')),
      ['collections.enabled', 'collections.synced'],
    ],
    [
      'ConfigMgr site',
      (world) => (world.gatewayFailures.getSiteInfo = gatewayError('Unauthenticated', 'HTTP 401', { httpStatus: 401 })),
      [
        'configmgr.top-level-site',
        'configmgr.version.antivirus',
        'configmgr.version.edr',
        'configmgr.version.edr-co-management',
      ],
    ],
    [
      'ConfigMgr tenant attach state',
      (world) =>
        (world.gatewayFailures.getTenantAttachState = gatewayError('AccessDenied', 'Access denied WMI QUERY', {
          httpStatus: 404,
        })),
      ['attach.configured', 'cloud.public', ...AFTER_ATTACH].sort(),
    ],
  ];

  it.each(cases)('%s makes only its own rules unknown', async (_port, breakPort, expected) => {
    const world = readyWorld();
    breakPort(world);
    const report = await check(world);
    expect(notPassing(report)).toEqual({ fail: [], unknown: expected, warn: [] });
    expect(report.verdict).toBe('unverified');
    for (const rule of rules(report).filter((result) => result.status === 'unknown'))
      expect(rule.fix, rule.id).toBeTruthy();
  });
});

describe('the words of every rule in every scenario', () => {
  it.each(Object.keys(SCENARIO_WORLDS))(
    '%s: no "(s)", raw enum value or count that disagrees with its noun',
    async (name) => {
      const world = SCENARIO_WORLDS[name as keyof typeof SCENARIO_WORLDS]();
      const texts = rules(await check(world)).flatMap((rule) => [rule.title, rule.evidence, rule.fix ?? '']);
      expect(texts.flatMap(wordingProblems)).toEqual([]);
    },
  );
});
