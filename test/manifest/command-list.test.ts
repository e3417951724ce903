import { describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.js';
import { BOT_SCOPES, COMMAND_LIST_LIMIT, commandListsFor } from '../../bot/manifest/command-list.js';

const command = (index: number) => ({ name: `command${index}`, summary: `Does thing ${index}.` });

describe('commandListsFor', () => {
  it('gives one list per scope with every command as title and summary, in registry order', () => {
    const lists = commandListsFor([command(1), command(2)]);
    expect(lists.map((list) => list.scopes)).toEqual(BOT_SCOPES.map((scope) => [scope]));
    for (const list of lists) {
      expect(list.commands).toEqual([
        { title: 'command1', description: 'Does thing 1.' },
        { title: 'command2', description: 'Does thing 2.' },
      ]);
    }
  });

  it('keeps the first commands of the registry up to the limit', () => {
    const many = Array.from({ length: COMMAND_LIST_LIMIT + 3 }, (_, index) => command(index));
    for (const list of commandListsFor(many)) {
      expect(list.commands).toHaveLength(COMMAND_LIST_LIMIT);
      expect(list.commands.at(-1)?.title).toBe(`command${COMMAND_LIST_LIMIT - 1}`);
    }
  });

  it('changes as soon as a command joins a registry that is below the limit', () => {
    const registry = commands.slice(0, COMMAND_LIST_LIMIT - 1);
    const grown = [...registry, { name: 'frobnicate', summary: 'Frobnicates.' }];
    expect(commandListsFor(grown)).not.toEqual(commandListsFor(registry));
  });
});
