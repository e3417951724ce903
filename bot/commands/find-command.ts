import type { AnyCommand } from '../context/command-context.js';

export interface FoundCommand {
  readonly command: AnyCommand;
  /** The words after the command's name. */
  readonly rest: readonly string[];
}

/** Exact, case-insensitive match; a two-word name (`policy create`) wins over a one-word one. */
export function findCommand(commands: readonly AnyCommand[], words: readonly string[]): FoundCommand | undefined {
  const lowered = words.map((word) => word.toLowerCase());
  for (const length of [2, 1]) {
    if (lowered.length < length) continue;
    const name = lowered.slice(0, length).join(' ');
    const command = commands.find((candidate) => candidate.name.toLowerCase() === name);
    if (command) return { command, rest: words.slice(length) };
  }
  return undefined;
}
