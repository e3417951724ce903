import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeSpans, readText, ROOT, section } from './doc-tree.js';
import { recipesOf } from './recipe-check.js';

interface Named {
  readonly name: string;
  readonly role: string;
}

/** The command registry, wherever the "Add a command" recipe of CONTRIBUTING.md says it is. */
async function registeredCommands(): Promise<Named[]> {
  const recipe = recipesOf(readText('CONTRIBUTING.md')).find((found) => found.title === 'Add a command');
  const [file, exported] = recipe?.lines.find((line) => line.kind === 'registry')?.args ?? [];
  if (file === undefined || exported === undefined) throw new Error('the command recipe names no registry');
  const registry = ((await import(join(ROOT, file))) as Record<string, unknown>)[exported];
  if (!Array.isArray(registry)) throw new Error(`${file} ${exported} is not a list`);
  return registry as Named[];
}

/** Each command the README's table shows, with the role its row gives it: `a` / `b` pair with `reader / operator`. */
function tableEntries(readme: string): { usage: string; role: string }[] {
  return section(readme, 'Commands')
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
      const usages = codeSpans(cells[1] ?? '').map((usage) => usage.replace(/\\\|/g, '|'));
      const roles = (cells[3] ?? '').split(' / ').map((role) => role.trim());
      return usages.map((usage, index) => ({
        usage,
        role: roles.length === 1 ? (roles[0] ?? '') : (roles[index] ?? ''),
      }));
    });
}

/** The command a usage starts with: the longest registered name followed by nothing or a space. */
function commandOf(usage: string, commands: readonly Named[]): Named | undefined {
  return [...commands]
    .sort((left, right) => right.name.length - left.name.length)
    .find((command) => usage === command.name || usage.startsWith(`${command.name} `));
}

describe("the README's commands table", () => {
  it('shows every registered command once, with the role it requires', async () => {
    const commands = await registeredCommands();
    expect(commands.length).toBeGreaterThan(10);
    const shown = tableEntries(readText('README.md')).map((entry) => ({
      name: commandOf(entry.usage, commands)?.name ?? `(no command: ${entry.usage})`,
      role: entry.role,
    }));
    const sortByName = (list: Named[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect(sortByName(shown)).toEqual(sortByName(commands.map(({ name, role }) => ({ name, role }))));
  });

  it('reads rows that pair several commands with several roles, and usages with escaped pipes', () => {
    const readme = [
      '## Commands',
      '| command | what | role |',
      '|---|---|---|',
      '| `approvals` / `cancel <request>` | x | reader / operator |',
      '| `check [edr\\|antivirus]` | y | reader |',
      '## Next',
    ].join('\n');
    expect(tableEntries(readme)).toEqual([
      { usage: 'approvals', role: 'reader' },
      { usage: 'cancel <request>', role: 'operator' },
      { usage: 'check [edr|antivirus]', role: 'reader' },
    ]);
  });
});
