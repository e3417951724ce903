import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../core/user-facing-error.js';
import { requireDeviceCollection, resolveCollection } from '../../../core/workflow/resolve-collection.js';
import { device, FakeWorld } from './fakes.js';

function setup() {
  const world = new FakeWorld([
    device('PS100042', 'Finance Laptops'),
    device('PS100043', 'Finance Laptops (old)'),
    device('PS100050', 'Kiosks'),
    device('PS200050', 'Kiosks'),
    { ...device('PS100060', 'Finance Users'), type: 'user' },
  ]);
  return { world, gateway: world.services().configMgr };
}

describe('resolveCollection', () => {
  it('finds a collection by ID in any case, with one read', async () => {
    const { world, gateway } = setup();
    expect(await resolveCollection(gateway, 'ps100042')).toMatchObject({
      kind: 'found',
      collection: { id: 'PS100042' },
    });
    expect(world.calls).toEqual(['configMgr.getCollection']);
  });

  it('finds a collection by exact name, not by prefix', async () => {
    const { gateway } = setup();
    expect(await resolveCollection(gateway, 'Finance Laptops')).toMatchObject({
      kind: 'found',
      collection: { id: 'PS100042' },
    });
    expect(await resolveCollection(gateway, 'finance laptops')).toMatchObject({
      kind: 'found',
      collection: { id: 'PS100042' },
    });
  });

  it('returns every match of an ambiguous name', async () => {
    const { gateway } = setup();
    const resolution = await resolveCollection(gateway, 'Kiosks');
    expect(resolution.kind).toBe('ambiguous');
    expect(resolution.kind === 'ambiguous' ? resolution.matches.map((match) => match.id) : []).toEqual([
      'PS100050',
      'PS200050',
    ]);
  });

  it('says how to find an unknown collection, by ID or by name', async () => {
    const { gateway } = setup();
    for (const typed of ['PS1000FF', 'Marketing']) {
      const error = await resolveCollection(gateway, typed).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error).toMatchObject({
        title: 'Collection not found',
        message: expect.stringContaining(`"${typed}"`),
        fix: expect.stringContaining('collections --filter'),
      });
    }
  });

  it('finds a user collection, which requireDeviceCollection then refuses', async () => {
    const { gateway } = setup();
    const resolution = await resolveCollection(gateway, 'PS100060');
    expect(resolution).toMatchObject({ kind: 'found', collection: { type: 'user' } });
    if (resolution.kind !== 'found') throw new Error('expected found');
    expect(() => requireDeviceCollection(resolution.collection)).toThrow('is a user collection');
  });

  it('turns a gateway failure into a UserFacingError with a fix', async () => {
    const { world, gateway } = setup();
    world.failing.set('getCollection', 'AccessDenied');
    await expect(resolveCollection(gateway, 'PS100042')).rejects.toMatchObject({
      fix: expect.stringContaining('security role'),
    });
  });
});
