import { describe, expect, it } from 'vitest';
import { attachCommand } from '../../../bot/commands/attach.js';
import { enableCommand } from '../../../bot/commands/enable.js';
import { parseGuidance } from '../../../core/workflow/guidance.js';
import { appHarness } from './app-harness.js';
import { device, FakeWorld } from './fakes.js';
import { alex, megan } from './step-context.js';

function attachedWorld() {
  const world = new FakeWorld([
    device('PS100042', 'Finance Laptops'),
    device('PS100050', 'Kiosks'),
    device('PS200050', 'Kiosks'),
    { ...device('PS100060', 'Finance Users'), type: 'user' },
  ]);
  world.attached = true;
  return world;
}

describe('enable through the run engine', () => {
  it('waits for the console step, then verifies once the world has the flag and Intune lists the collection', async () => {
    const world = attachedWorld();
    const { runs, context, clock } = appHarness(world);
    const card = await enableCommand.run({ collection: 'Finance Laptops' }, context);
    expect(JSON.stringify(card)).toContain('Started run r-1');
    await runs.idle();

    const waiting = await runs.get('r-1');
    expect(waiting).toMatchObject({ kind: 'enable', status: 'waiting', resources: ['collection:PS100042'] });
    expect(waiting?.steps.map((step) => step.state)).toEqual(['done', 'waiting-for-admin']);
    expect(parseGuidance(waiting?.steps[1]?.guidance)?.commandLine).toContain('-Id PS100042');

    await runs.verify('r-1', alex);
    const sleeps = clock.sleeps.length;
    world.enableInConsole('PS100042', { synced: false });
    clock.duringNextSleep(() => world.synced.push('PS100042'));
    await runs.idle();

    const done = await runs.get('r-1');
    expect(done?.status).toBe('done');
    expect(done?.steps[1]?.message).toMatch(/^verified: Finance Laptops is enabled for endpoint security policies/);
    expect(clock.sleeps.length).toBe(sleeps + 1);
  });

  it('refuses a second enable of the same collection while the first is live', async () => {
    const world = attachedWorld();
    const { runs, context } = appHarness(world);
    await enableCommand.run({ collection: 'PS100042' }, context);
    await runs.idle();
    await expect(enableCommand.run({ collection: 'ps100042' }, context)).rejects.toThrow(
      'collection:PS100042 is being worked on by run r-1',
    );
  });

  it('lists the matches of an ambiguous name instead of starting a run', async () => {
    const { runs, context } = appHarness(attachedWorld());
    const json = JSON.stringify(await enableCommand.run({ collection: 'Kiosks' }, context));
    expect(json).toContain('2 collections are named \\"Kiosks\\"');
    expect(json).toContain('PS100050');
    expect(json).toContain('PS200050');
    expect(await runs.list()).toEqual([]);
  });

  it('refuses a user collection before starting a run', async () => {
    const { runs, context } = appHarness(attachedWorld());
    await expect(enableCommand.run({ collection: 'Finance Users' }, context)).rejects.toThrow('is a user collection');
    expect(await runs.list()).toEqual([]);
  });
});

describe('attach through the run engine', () => {
  it('refuses, with a card saying so, when the hierarchy is already attached', async () => {
    const { runs, context } = appHarness(attachedWorld());
    const json = JSON.stringify(await attachCommand.run({}, context));
    expect(json).toContain('Already tenant attached');
    expect(await runs.list()).toEqual([]);
  });

  it('starts a run with the upload-scope step for a collection scope, and waits for the Global Administrator', async () => {
    const world = attachedWorld();
    world.attached = false;
    const { runs, context } = appHarness(world);
    await attachCommand.run({ scope: 'Finance Laptops' }, context);
    await runs.idle();
    const run = await runs.get('r-1');
    expect(run).toMatchObject({ kind: 'attach', status: 'waiting', resources: ['tenant-attach'] });
    expect(run?.steps.map((step) => [step.kind, step.state])).toEqual([
      ['tenant-attach', 'waiting-for-admin'],
      ['upload-scope', 'pending'],
    ]);
    expect(parseGuidance(run?.steps[0]?.guidance)?.steps.join('\n')).toContain('Finance Laptops (PS100042)');

    await runs.verify('r-1', alex);
    world.attached = true;
    world.uploadScope = { kind: 'collection', collectionId: 'PS100042' };
    await runs.idle();
    expect((await runs.get('r-1'))?.status).toBe('done');
  });

  it('fails the run with a precise problem when the requester is not a Global Administrator', async () => {
    const world = attachedWorld();
    world.attached = false;
    const { runs, context } = appHarness(world);
    await attachCommand.run({ scope: 'all' }, { ...context, actor: megan });
    await runs.idle();
    const run = await runs.get('r-1');
    expect(run?.status).toBe('failed');
    expect(run?.steps[0]?.problem).toMatchObject({ title: 'A Global Administrator must run attach' });
  });
});
