import { describe, expect, it } from 'vitest';
import { findCommand } from '../../../bot/commands/find-command.js';
import { commands } from '../../../bot/commands/index.js';
import type { AnyCommand } from '../../../bot/context/command-context.js';

const fake = (name: string) => ({ ...commands[0], name }) as AnyCommand;

describe('findCommand', () => {
  const registry = [fake('policy'), fake('policy create'), fake('help')];

  it('matches exactly and case-insensitively, two words before one', () => {
    expect(findCommand(registry, ['Policy', 'CREATE', 'edr'])).toMatchObject({
      command: { name: 'policy create' },
      rest: ['edr'],
    });
    expect(findCommand(registry, ['policy', 'show'])).toMatchObject({ command: { name: 'policy' }, rest: ['show'] });
  });

  it('never matches a prefix or a longer word', () => {
    expect(findCommand(registry, ['helpful'])).toBeUndefined();
    expect(findCommand(registry, ['hel'])).toBeUndefined();
  });

  it('every registered command has a unique name, a summary, a usage and an example', () => {
    const names = commands.map((command) => command.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const command of commands) {
      expect(command.summary.length).toBeGreaterThan(0);
      expect(command.usage.startsWith(command.name)).toBe(true);
      expect(command.examples.length).toBeGreaterThan(0);
    }
  });
});
