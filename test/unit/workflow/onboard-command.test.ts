import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { onboardCommand } from '../../../bot/commands/onboard.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { appHarness } from './app-harness.js';
import { device, FakeWorld } from './fakes.js';

function commandHarness(world: FakeWorld) {
  const { runs, context } = appHarness(world);
  return { runs, context };
}

function bound(text: string): Record<string, unknown> {
  const result = bindArguments(onboardCommand, tokenize(text));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.args;
}

const world = (): FakeWorld =>
  new FakeWorld([
    device('PS100042', 'Finance Laptops'),
    device('PS100050', 'Kiosks'),
    device('PS200050', 'Kiosks'),
    { ...device('PS100060', 'Finance Users'), type: 'user' },
  ]);

describe('onboard arguments', () => {
  it('defaults to EDR and splits, trims and de-duplicates the collection list', () => {
    expect(bound('--collections "PS100042, PS100050,PS100042"')).toEqual({
      profile: 'edr',
      collections: ['PS100042', 'PS100050'],
    });
    expect(bound('antivirus')).toEqual({ profile: 'antivirus' });
  });

  it('refuses another policy type, an empty list and more than ten collections', () => {
    expect(bindArguments(onboardCommand, ['firewall']).ok).toBe(false);
    expect(bindArguments(onboardCommand, ['--collections', ',']).ok).toBe(false);
    const eleven = Array.from({ length: 11 }, (_, index) => `PS1000${(0x10 + index).toString(16).toUpperCase()}`).join(
      ',',
    );
    expect(bindArguments(onboardCommand, ['--collections', eleven]).ok).toBe(false);
  });
});

describe('onboard', () => {
  it('starts one run over the named collections, by ID or exact name', async () => {
    const { runs, context } = commandHarness(world());
    const card = JSON.stringify(await onboardCommand.run(bound('edr --collections PS100042'), context));
    expect(card).toContain('Started run r-1: Onboard Finance Laptops for EDR policy');
    const run = await runs.get('r-1');
    expect(run?.kind).toBe('onboard');
    expect(run?.steps.map((step) => step.kind)).toEqual([
      'prerequisites',
      'tenant-attach',
      'upload-scope',
      'enable-collection',
      'hand-over',
    ]);
    await runs.idle();
  });

  it('asks which collections when the hierarchy is not attached and none are named', async () => {
    const { runs, context } = commandHarness(world());
    await expect(onboardCommand.run(bound('edr'), context)).rejects.toMatchObject({
      title: 'Which collections?',
      fix: expect.stringContaining('onboard edr --collections'),
    });
    expect(await runs.list()).toEqual([]);
  });

  it('hands over the collections Intune already lists when attached and none are named', async () => {
    const attached = world();
    attached.attached = true;
    attached.enableInConsole('PS100050');
    const { runs, context } = commandHarness(attached);
    await onboardCommand.run(bound('antivirus'), context);
    const run = await runs.get('r-1');
    expect(run?.resources).toEqual(['tenant-attach']);
    expect(run?.steps.map((step) => step.kind)).toEqual(['prerequisites', 'tenant-attach', 'hand-over']);
    expect(run?.steps[2]?.input).toEqual({ profile: 'antivirus', collections: [{ id: 'PS100050', name: 'Kiosks' }] });
    await runs.idle();
  });

  it('refuses a user collection, an unknown one and lists an ambiguous name, starting no run', async () => {
    const { runs, context } = commandHarness(world());
    await expect(onboardCommand.run(bound('--collections PS100042,PS100060'), context)).rejects.toThrow(
      'is a user collection',
    );
    await expect(onboardCommand.run(bound('--collections PS1FFFFF'), context)).rejects.toMatchObject({
      title: 'Collection not found',
    });
    const ambiguous = JSON.stringify(await onboardCommand.run(bound('--collections Kiosks'), context));
    expect(ambiguous).toContain('2 collections are named');
    expect(ambiguous).toContain('onboard --collections PS100050');
    expect(await runs.list()).toEqual([]);
  });

  it('says why the AdminService could not be read instead of starting a run', async () => {
    const broken = world();
    broken.failing.set('getCollection', 'Unauthenticated');
    const { runs, context } = commandHarness(broken);
    await expect(onboardCommand.run(bound('--collections PS100042'), context)).rejects.toMatchObject({
      title: 'The AdminService refused the credentials',
    });
    expect(await runs.list()).toEqual([]);
  });
});
