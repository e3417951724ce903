import { describe, expect, it } from 'vitest';
import { playgroundConfig } from '../../scripts/lib/playground-user.mjs';
import { DEMO_USERS, SANDBOX_APP, SANDBOX_TENANT_ID, SCENARIO_NAMES } from '../../sandbox/index.js';
import { World } from '../../sandbox/world/world.js';

/** 8-4-4-4-12 hex digits, as Azure AD writes every object and tenant id. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ANY_GUIDISH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,}/gi;

describe('the sandbox writes valid GUIDs', () => {
  it('for its tenant, its app and every demo user', () => {
    for (const id of [SANDBOX_TENANT_ID, SANDBOX_APP.clientId, ...Object.values(DEMO_USERS).map((user) => user.id)])
      expect(id).toMatch(GUID);
  });

  it.each(SCENARIO_NAMES)('for every user, group and device of the %s directory', (scenario) => {
    const world = new World({ scenario, seed: 1, syncDelaySeconds: 20 });
    const directory = world.directory;
    const ids = [...directory.users.map((user) => user.id), ...directory.groups.map((group) => group.id)];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(GUID);
  });

  it('in the playground configuration npm start writes (tenant, bot and users)', () => {
    const ids = [...playgroundConfig('alex').matchAll(ANY_GUIDISH)].map((match) => match[0]);
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) expect(id).toMatch(GUID);
  });
});
