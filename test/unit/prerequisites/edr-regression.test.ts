import { describe, expect, it } from 'vitest';
import { edrCoManagementRegressionRule } from '../../../core/prerequisites/edr-comanagement-rule.js';
import type { UpdatePackage } from '../../../core/ports/configmgr-gateway.js';
import { readyWorld, type FakeWorld } from './fake-world.js';
import { factsOf } from './fakes.js';

const release = (label: string, installed = true): UpdatePackage => ({
  name: `Configuration Manager ${label}`,
  packageGuid: `00000000-0000-4000-8000-00000000${label}`,
  state: installed ? 196612 : 262146,
  installed,
  updateType: 'regular',
  supersededBy: [],
  source: 'history',
});

function world(buildNumber: number, updates: UpdatePackage[], allClientsCoManaged?: boolean | 'unknown'): FakeWorld {
  const ready = readyWorld();
  return {
    ...ready,
    site: { ...ready.site, buildNumber, version: `5.00.${buildNumber}.1000` },
    updates,
    attach: { ...ready.attach, ...(allClientsCoManaged === undefined ? {} : { allClientsCoManaged }) },
  };
}

const rule = async (w: FakeWorld) => edrCoManagementRegressionRule(await factsOf(w));

describe('the ConfigMgr 2503 EDR regression rule (graph-intune.md §11.7)', () => {
  it('warns for 2503 to 2509 when some tenant-attached clients are not co-managed, or when that cannot be read', async () => {
    for (const label of ['2503', '2509']) {
      const result = await rule(world(9200, [release('2409'), release(label)], false));
      expect(result).toMatchObject({ status: 'warn', fix: expect.stringContaining('2603 or later') });
      expect(result.evidence).toContain(`current branch ${label}`);
      expect(result.docLink).toContain('hotfix/2603');
    }
    expect((await rule(world(9135, [], 'unknown'))).evidence).toContain('could not be read');
  });

  it('passes outside 2503–2509, with every client co-managed, and ignores a downloaded but not installed release', async () => {
    expect((await rule(world(9200, [release('2603')], false))).status).toBe('pass');
    expect((await rule(world(9128, [release('2403')], false))).status).toBe('pass');
    expect((await rule(world(9135, [release('2503')], true))).status).toBe('pass');
    expect((await rule(world(9132, [release('2409'), release('2503', false)], false))).status).toBe('pass');
  });

  it('names a newer build it cannot place as possibly affected', async () => {
    const result = await rule(world(9150, [], false));
    expect(result.status).toBe('warn');
    expect(result.evidence).toContain('build 9150, 2503 or later');
  });
});
