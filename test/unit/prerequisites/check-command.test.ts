import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { checkCommand } from '../../../bot/commands/check.js';
import type { CommandContext } from '../../../bot/context/command-context.js';
import { checkRerunVerb } from '../../../bot/verbs/check-rerun.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ALEX, NOW, SCENARIO_WORLDS, type FakeWorld } from './fake-world.js';
import { createFakeTenant } from './fakes.js';

function contextFor(
  world: FakeWorld | undefined,
  actor: CommandContext['actor'] = { ...ALEX, channelUserId: '29:alex' },
): CommandContext {
  const services = testAppServices({
    clock: new FakeClock(NOW.getTime()),
    ...(world ? { tenant: createFakeTenant(world).services } : {}),
  });
  return testCommandContext({ services, actor, commands: [checkCommand] });
}

describe('the check command', () => {
  it('defaults to both profiles and takes a collection flag', () => {
    expect(bindArguments(checkCommand, [])).toEqual({ ok: true, args: { profile: 'all' } });
    expect(bindArguments(checkCommand, ['edr', '--collection', 'ps100042'])).toEqual({
      ok: true,
      args: { profile: 'edr', collection: 'PS100042' },
    });
    expect(bindArguments(checkCommand, ['mdm']).ok).toBe(false);
    expect(bindArguments(checkCommand, ['--collection', 'Servers']).ok).toBe(false);
  });

  it('answers with the prerequisites card for the profile asked', async () => {
    const card = await checkCommand.run({ profile: 'edr' }, contextFor(SCENARIO_WORLDS['cb2002-no-hotfix']()));
    const json = JSON.stringify(card);
    expect(json).toContain('EDR policy prerequisites: ❌ Not ready');
    expect(json).toContain('KB4563473');
    expect(json).toContain('"verb":"check.rerun"');
  });

  it('explains that no tenant is configured', async () => {
    await expect(checkCommand.run({ profile: 'all' }, contextFor(undefined))).rejects.toSatisfy(isUserFacingError);
  });

  it('runs the same check again from the card button', async () => {
    const data = checkRerunVerb.data.parse({ profile: 'antivirus', collection: '' });
    const card = await checkRerunVerb.run(data, contextFor(SCENARIO_WORLDS['cb2002-hotfix']()));
    expect(JSON.stringify(card)).toContain('Antivirus policy prerequisites: ❌ Not ready');
  });
});
