import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../sandbox/persistence/snapshot-file.js';
import { restoreWorld, snapshotWorld } from '../../sandbox/persistence/world-snapshot.js';
import { World } from '../../sandbox/world/world.js';
import { configMgrEdr } from './policy-bodies.js';
import { sandboxClient, type SandboxClient } from './sandbox-client.js';

interface State {
  tenantAttach: { attached: boolean; uploadScope: string | null };
  endpointSecurityCollections: string[];
  policies: Array<{ name: string; assignments: number }>;
  hotfix: number | null;
  now: string;
}

const COLLECTION_TARGET = '#microsoft.graph.configurationManagerCollectionAssignmentTarget';

describe('the sandbox tenant kept in a file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attachops-sandbox-persist-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function start(file: string, options: { reset?: boolean; scenario?: 'fresh' | 'ready' } = {}) {
    return sandboxClient({
      scenario: options.scenario ?? 'fresh',
      seed: 3,
      syncDelaySeconds: 0,
      persistence: { file, reset: options.reset ?? false },
    });
  }
  const state = async (c: SandboxClient) => (await c.control('GET', '/state')).json<State>();

  it('a restart keeps attach, Cloud Sync, policies with their assignments and the clock', async () => {
    const file = join(dir, 'restart.json');
    const first = await start(file);
    expect(first.sandbox.origin).toBe('new');
    await first.control('POST', '/console/tenant-attach', { uploadScope: 'all' });
    await first.control('POST', '/console/collections/PS100042/cloud-sync', { endpointSecurity: true });
    await first.control('POST', '/clock/advance', { seconds: 3600 });
    const created = await first.graph(
      'POST',
      '/deviceManagement/configurationPolicies',
      configMgrEdr({ name: 'Kept' }),
    );
    const id = created.json<{ id: string }>().id;
    const assigned = await first.graph('POST', `/deviceManagement/configurationPolicies/${id}/assign`, {
      assignments: [{ target: { '@odata.type': COLLECTION_TARGET, collectionId: 'PS100042' } }],
    });
    expect(assigned.status).toBe(200);
    const before = await state(first);
    await first.close();

    const second = await start(file);
    expect(second.sandbox.origin).toBe('restored');
    const after = await state(second);
    expect(after.tenantAttach).toEqual(before.tenantAttach);
    expect(after.endpointSecurityCollections).toEqual(['PS100042']);
    expect(after.policies).toEqual([{ id, name: 'Kept', assignments: 1 }]);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(after.now) - Date.now()).toBeGreaterThan(3_500_000);
    expect((await second.graph('GET', `/deviceManagement/configurationPolicies/${id}`)).status).toBe(200);
    await second.close();
  });

  it('SANDBOX_RESET, the control reset, another scenario and an unreadable file start clean', async () => {
    const file = join(dir, 'clean.json');
    const first = await start(file);
    await first.control('POST', '/console/tenant-attach', { uploadScope: 'all' });
    await first.close();

    const reset = await start(file, { reset: true });
    expect(reset.sandbox.origin).toBe('reset');
    expect((await state(reset)).tenantAttach.attached).toBe(false);
    await reset.control('POST', '/console/tenant-attach', { uploadScope: 'all' });
    expect((await reset.control('POST', '/reset', { scenario: 'fresh' })).status).toBe(200);
    await reset.close();

    const afterControlReset = await start(file);
    expect(afterControlReset.sandbox.origin).toBe('restored');
    expect((await state(afterControlReset)).tenantAttach.attached).toBe(false);
    await afterControlReset.close();

    const other = await start(file, { scenario: 'ready' });
    expect(other.sandbox.origin).toBe('other-scenario');
    expect((await state(other)).tenantAttach.attached).toBe(true);
    await other.close();

    await writeFile(file, '{"version":1,"scenario":"fresh"');
    const unreadable = await start(file);
    expect(unreadable.sandbox.origin).toBe('unreadable');
    await unreadable.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, scenario: 'fresh' });
  });

  it('a snapshot restores to the same snapshot (hotfix, history and group members included)', () => {
    const world = new World({ scenario: 'cb2002-no-hotfix', seed: 9, syncDelaySeconds: 20 });
    world.clock.advance(120);
    world.cloud.attach('PS100042', true, world.clock.nowMs());
    world.cloud.setEndpointSecurity('PS100042', true, world.clock.nowMs());
    world.hierarchy.installHotfix(world.clock.nowIso());
    const group = world.directory.groups[0];
    group?.memberIds.add('someone');
    const saved = JSON.parse(JSON.stringify(snapshotWorld(world))) as ReturnType<typeof snapshotWorld>;
    const restored = restoreWorld(saved, 20);
    expect(snapshotWorld(restored)).toEqual(saved);
    expect(restored.hierarchy.hotfix()?.State).toBe(world.hierarchy.hotfix()?.State);
    expect(restored.cloud.visibleInGraph(restored.clock.nowMs() + 60_000).map((v) => v.collection.id)).toEqual([
      'PS100042',
    ]);
  });

  it('a write that fails leaves no temporary file behind; the next write replaces the file whole', async () => {
    const folder = join(dir, 'atomic');
    await mkdir(folder);
    const file = join(folder, 'tenant.json');
    writeFileAtomically(file, '{"old":true}');
    await mkdir(join(folder, 'blocked.json'));
    expect(() => writeFileAtomically(join(folder, 'blocked.json'), '{"new":true}')).toThrow();
    writeFileAtomically(file, '{"new":true}');
    expect(await readFile(file, 'utf8')).toBe('{"new":true}');
    expect((await readdir(folder)).sort()).toEqual(['blocked.json', 'tenant.json']);
  });
});
